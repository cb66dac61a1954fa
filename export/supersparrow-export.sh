#!/bin/sh
# Writes the exported maps anew and has nginx, HAProxy and gdnsd read them, without dropping a
# request: each file is written beside the old one and renamed over it (readers never see half a
# file); nginx and HAProxy reload gracefully, gdnsd reloads its nets file by itself. Run it from cron,
# and when the dump or the drain file changes (supersparrow-export.path). Silent when all is well (cron
# mails only failures); it stops at the first failure, saying why, the previous maps left in force.
# The paths and commands below can be set from the environment; these are Debian's.
set -eu
CONFIG=${CONFIG:-/etc/supersparrow.conf}
NGINX_MAP=${NGINX_MAP:-/etc/nginx/supersparrow-pop.conf}
HAPROXY_MAP=${HAPROXY_MAP:-/etc/haproxy/supersparrow-pop.map}
GDNSD_NETS=${GDNSD_NETS:-/etc/gdnsd/geoip/supersparrow-pop.nets}
NGINX=${NGINX:-nginx}
HAPROXY_RELOAD=${HAPROXY_RELOAD:-systemctl reload haproxy}

# Runs a command (word-split on purpose: NGINX may carry options), showing what it said only if it failed.
quietly() {
    if ! out=$(sh -c "$1" 2>&1); then
        printf '%s: %s\n' "$1" "$out" >&2
        exit 1
    fi
}

export_to() { # FORMAT FILE
    if ! out=$(supersparrow --config "$CONFIG" --export "$1" 2>&1 >"$2.new"); then
        rm -f "$2.new"
        printf 'supersparrow --export %s: %s\n' "$1" "$out" >&2
        exit 1
    fi
    mv "$2.new" "$2"
}

export_to nginx-geo "$NGINX_MAP"
export_to haproxy-map "$HAPROXY_MAP"
export_to gdnsd-nets "$GDNSD_NETS"
quietly "$NGINX -t -q"
quietly "$NGINX -s reload"
quietly "$HAPROXY_RELOAD"
