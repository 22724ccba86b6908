# Sourced by the service scripts: apt_install PACKAGE… installs Debian packages with apt-get, quietly.
# The packages' own services are never used: in a container invoke-rc.d refuses to start them (or
# they fail harmlessly), and each script runs its own server under test/.artifacts. Needs log().
apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then
    log "apt-get is not available; install $* by hand"
    return 1
  fi
  log "installing $* with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null || apt-get update
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
