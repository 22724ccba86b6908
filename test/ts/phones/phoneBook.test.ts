import fc from 'fast-check';
import { fold, PhoneBook, MAX_SEARCH_DEPTH, type PhoneBookListing } from '../../../bridge/src/phones/phoneBook';

const listing = (name: string, number: string, customerId: number | null = 1): PhoneBookListing => ({ customerId, name, group: null, number, kind: customerId === null ? 'staff' : 'billing' });

const book = new PhoneBook([
  listing('Jeanne Dupont', '+33612345678', 1),
  listing('Jean-Pierre Durand', '+33612345679', 2),
  listing('Léa Lefèvre', '+33184881234', 3),
  listing('Hugo LEFÈVRE', '+33184881235', 4),
  listing('Åsa Øberg', '+46701234567', 5),
  listing('Straße Groß', '+4930901820', 6),
  listing('محمد العلي', '+971501234567', 7),
  listing('王小明', '+8613800138000', 8),
  listing('Sales desk', '201', null),
  listing('Anne Annette', '+33600000001', 9),
]);
const names = (q: string, offset = 0, limit = 30) => book.search(q, offset, limit).listings.map((l) => l.name);

describe('phone book search', () => {
  it('finds by the prefix of any word, ignoring case and accents, in name order', () => {
    expect(names('jean')).toEqual(['Jean-Pierre Durand', 'Jeanne Dupont']);
    expect(names('DU')).toEqual(['Jean-Pierre Durand', 'Jeanne Dupont']);
    expect(names('lefe')).toEqual(['Hugo LEFÈVRE', 'Léa Lefèvre']);
    expect(names('léa')).toEqual(['Léa Lefèvre']);
    expect(names('pierre')).toEqual(['Jean-Pierre Durand']);
    expect(names('asa')).toEqual(['Åsa Øberg']);
    expect(names('ob')).toEqual(['Åsa Øberg']);
    expect(names('strass')).toEqual(['Straße Groß']);
  });

  it('needs every word of the query', () => {
    expect(names('jea dup')).toEqual(['Jeanne Dupont']);
    expect(names('dup jea')).toEqual(['Jeanne Dupont']);
    expect(names('jean x')).toEqual([]);
  });

  it('finds Arabic and Chinese names and staff extensions', () => {
    expect(names('محمد')).toEqual(['محمد العلي']);
    expect(names('王')).toEqual(['王小明']);
    expect(book.search('sales', 0, 10).listings[0]).toMatchObject({ customerId: null, number: '201' });
  });

  it('lists a name once even when two of its words match', () => {
    expect(names('ann')).toEqual(['Anne Annette']);
  });

  it('lists everyone for an empty query, and pages', () => {
    expect(book.search('', 0, 100).listings).toHaveLength(10);
    const first = book.search('', 0, 4);
    const second = book.search('', 4, 4);
    expect(first.more).toBe(true);
    expect(new Set([...first.listings, ...second.listings]).size).toBe(8);
    expect(book.search('', 8, 4)).toMatchObject({ more: false });
    expect(book.search('', 8, 4).listings).toHaveLength(2);
    expect(book.search('zzz', 0, 4)).toEqual({ listings: [], more: false });
  });

  it('says whether more listings follow a page of a prefix', () => {
    expect(book.search('jean', 0, 1)).toMatchObject({ more: true });
    expect(book.search('jean', 1, 1)).toMatchObject({ more: false });
  });

  it('does not page past its depth', () => {
    expect(book.search('', MAX_SEARCH_DEPTH, 30)).toEqual({ listings: [], more: false });
  });

  it('looks numbers up', () => {
    expect(book.byNumber('+33612345678')?.name).toBe('Jeanne Dupont');
    expect(book.byNumber('201')?.name).toBe('Sales desk');
    expect(book.byNumber('+33000000000')).toBeNull();
  });

  it('answers as a scan of every name would (random books and queries)', () => {
    const word = fc.stringMatching(/^[a-eéèA-E]{1,4}$/);
    fc.assert(
      fc.property(fc.array(fc.array(word, { minLength: 1, maxLength: 3 }), { minLength: 0, maxLength: 60 }), fc.array(word, { minLength: 0, maxLength: 2 }), fc.nat(10), fc.integer({ min: 1, max: 7 }), (people, query, offset, limit) => {
        const input = people.map((w, i) => listing(w.join(' '), `+3360000${String(i).padStart(4, '0')}`, i + 1));
        const b = new PhoneBook(input);
        const q = query.map(fold);
        const expected = input
          .map((l) => ({ l, key: fold(l.name).split(' ') }))
          .filter(({ key }) => q.every((w) => key.some((k) => k.startsWith(w))))
          .sort((x, y) => (x.key.join(' ') < y.key.join(' ') ? -1 : x.key.join(' ') > y.key.join(' ') ? 1 : x.l.number < y.l.number ? -1 : 1))
          .map(({ l }) => l.number);
        const got = b.search(query.join(' '), offset, limit);
        expect(got.listings.map((l) => l.number)).toEqual(expected.slice(offset, offset + limit));
        expect(got.more).toBe(expected.length > offset + limit);
      }),
      { numRuns: 300 },
    );
  });

  it('built next to the copy in use, sharing some of its listings, answers as one built alone', () => {
    const word = fc.stringMatching(/^[a-eéèA-E]{1,4}$/);
    const name = fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(fc.array(name, { maxLength: 40 }), fc.array(fc.option(name, { nil: undefined }), { maxLength: 40 }), fc.array(word, { maxLength: 2 }), (previousNames, nextNames, query) => {
        const previous = new PhoneBook(previousNames.map((n, i) => listing(n, `+3360000${String(i).padStart(4, '0')}`, i + 1)));
        // undefined: the same customer as before (its very listing, when there was one); else a name, new or changed.
        const input = nextNames.map((n, i) => {
          const number = `+3360000${String(i).padStart(4, '0')}`;
          return (n === undefined ? previous.byNumber(number) : null) ?? listing(n ?? 'Zed', number, i + 1);
        });
        const alone = new PhoneBook(input);
        const shared = new PhoneBook(input, previous);
        const q = query.join(' ');
        expect(shared.search(q, 0, 100)).toEqual(alone.search(q, 0, 100));
        for (const l of input) expect(shared.byNumber(l.number)).toBe(l);
      }),
      { numRuns: 200 },
    );
  });
});
