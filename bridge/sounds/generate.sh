#!/usr/bin/env bash
# Generates the demo's voice prompts with espeak-ng (speech) and sox (8 kHz mono 16-bit PCM WAV,
# what Asterisk's `wav` format plays), into bridge/sounds/<lang>/bandeau/<name>.wav. The files
# are committed: the demo, the tests and a merchant trying routing need no speech synthesiser.
# Run it again after changing a text (needs the Debian packages espeak-ng and sox). Merchants
# replace these robot voices with their own recordings under the same names.
set -euo pipefail
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v espeak-ng >/dev/null && command -v sox >/dev/null || {
  echo "generate.sh: needs espeak-ng and sox (apt-get install espeak-ng sox)" >&2
  exit 1
}

# name|English|French — names are the `message` of the default routing rules (bandeau/<name>).
PROMPTS=(
  "welcome-back|Welcome back, and thank you for calling. We are putting you through to your advisor right away.|Bon retour parmi nous, et merci de votre appel. Nous vous mettons tout de suite en relation avec votre conseiller."
  "order-being-prepared|Your order is being prepared. An advisor will answer you in a moment.|Votre commande est en cours de préparation. Un conseiller va vous répondre dans un instant."
  "payment-problem|We need to check a detail about the payment of your order. An advisor will answer you in a moment.|Nous devons vérifier un détail concernant le paiement de votre commande. Un conseiller va vous répondre dans un instant."
  "order-on-its-way|Your order is on its way. An advisor will answer you in a moment.|Votre commande est en route. Un conseiller va vous répondre dans un instant."
)

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for entry in "${PROMPTS[@]}"; do
  IFS='|' read -r name en fr <<<"$entry"
  for lang in en fr; do
    text="$en"
    [ "$lang" = fr ] && text="$fr"
    out="$DIR/$lang/bandeau/$name.wav"
    mkdir -p "$(dirname "$out")"
    espeak-ng -v "$lang" -s 150 -w "$tmp/raw.wav" "$text"
    # -D: no dither, so the same text gives the same bytes; norm: -3 dBFS peak.
    sox -D "$tmp/raw.wav" -r 8000 -c 1 -b 16 -e signed-integer -t wav "$out" norm -3
    echo "$out"
  done
done
