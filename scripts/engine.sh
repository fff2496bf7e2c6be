# Sourced by scripts/test: brings up a real Docker Engine and the Compose
# CLI plugin for the real-engine stories (testdata/scripts/*_engine_*).
#
#   engine_up   use the engine docker already reaches; else, as root with
#               apt-get, install Debian's docker.io when dockerd is missing
#               and start dockerd in the background (log in $ENGINE_LOG),
#               stopped again by engine_down. Then make sure `docker compose`
#               works, building the plugin from the Go module proxy
#               (github.com/docker/compose/v5 at $COMPOSE_VERSION) into a
#               cache folder the first time.
#   engine_down stop the dockerd engine_up started, if it started one.
#
# Without an engine the stories skip; with CI=true that is a failure.

COMPOSE_VERSION=v5.6.0
ENGINE_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/ecs-toolkit"
ENGINE_LOG="$ENGINE_CACHE/dockerd.log"
ENGINE_PID=""

engine_note() { echo "# engine: $*" >&2; }

# engine_fail says why there is no engine: fatal under CI=true, one line
# and a skip elsewhere.
engine_fail() {
  if [ "${CI:-}" = "true" ]; then
    echo "engine: $* (CI=true needs a real Docker engine)" >&2
    return 1
  fi
  engine_note "$*; the real-engine stories will skip"
  export ECS_TOOLKIT_NO_ENGINE=1
  return 0
}

engine_up() {
  if [ -n "${ECS_TOOLKIT_NO_ENGINE:-}" ]; then
    engine_fail "ECS_TOOLKIT_NO_ENGINE is set"
    return
  fi
  mkdir -p "$ENGINE_CACHE"
  if ! docker info >/dev/null 2>&1; then
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
      engine_fail "docker info fails and only root with apt-get can install and start an engine here"
      return
    fi
    if ! command -v dockerd >/dev/null; then
      engine_note "installing docker.io (about a minute)"
      if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io; } >"$ENGINE_CACHE/apt.log" 2>&1; then
        tail -5 "$ENGINE_CACHE/apt.log" >&2
        engine_fail "installing docker.io failed (log: $ENGINE_CACHE/apt.log)"
        return
      fi
    fi
    engine_note "starting dockerd (log: $ENGINE_LOG)"
    dockerd >"$ENGINE_LOG" 2>&1 &
    ENGINE_PID=$!
    local i
    for i in $(seq 1 60); do
      docker info >/dev/null 2>&1 && break
      if ! kill -0 "$ENGINE_PID" 2>/dev/null; then
        tail -5 "$ENGINE_LOG" >&2
        ENGINE_PID=""
        engine_fail "dockerd exited at start (log: $ENGINE_LOG)"
        return
      fi
      sleep 1
    done
    if ! docker info >/dev/null 2>&1; then
      engine_fail "dockerd did not answer within 60 s (log: $ENGINE_LOG)"
      return
    fi
  fi
  if ! docker compose version >/dev/null 2>&1; then
    engine_compose || return
  fi
  engine_note "$(docker version --format 'engine {{.Server.Version}}, client {{.Client.Version}}'), $(docker compose version)"
}

# engine_compose builds the Compose plugin once (about 3 minutes, cached
# after) and installs it where every user's docker finds it.
engine_compose() {
  local bin="$ENGINE_CACHE/docker-compose-$COMPOSE_VERSION"
  if [ ! -x "$bin" ]; then
    engine_note "building the Compose plugin $COMPOSE_VERSION from the Go module proxy (about 3 minutes, once)"
    local mod
    mod=$(mktemp -d)
    # A throwaway module: `go install ...@version` refuses a module whose
    # go.mod has exclude directives, as compose's has.
    if ! (cd "$mod" && go mod init composebuild >/dev/null 2>&1 &&
      GOFLAGS=-mod=mod go get "github.com/docker/compose/v5@$COMPOSE_VERSION" &&
      GOFLAGS=-mod=mod CGO_ENABLED=0 go build -trimpath \
        -ldflags "-s -w -X github.com/docker/compose/v5/internal.Version=$COMPOSE_VERSION" \
        -o "$bin.tmp" github.com/docker/compose/v5/cmd) >"$ENGINE_CACHE/compose-build.log" 2>&1; then
      tail -5 "$ENGINE_CACHE/compose-build.log" >&2
      rm -rf "$mod"
      engine_fail "building the Compose plugin failed (log: $ENGINE_CACHE/compose-build.log)"
      return
    fi
    rm -rf "$mod"
    mv "$bin.tmp" "$bin"
  fi
  local dir=/usr/local/lib/docker/cli-plugins
  if [ "$(id -u)" != 0 ]; then
    engine_fail "the Compose plugin is built ($bin) but only root can install it in $dir"
    return
  fi
  mkdir -p "$dir" && install -m 0755 "$bin" "$dir/docker-compose"
  if ! docker compose version >/dev/null 2>&1; then
    engine_fail "docker compose does not answer after installing $dir/docker-compose"
  fi
}

engine_down() {
  if [ -n "$ENGINE_PID" ]; then
    engine_note "stopping dockerd"
    kill "$ENGINE_PID" 2>/dev/null || true
    wait "$ENGINE_PID" 2>/dev/null || true
    ENGINE_PID=""
  fi
}
