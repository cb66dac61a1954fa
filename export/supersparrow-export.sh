#!/bin/sh
# Writes the exported maps anew and has nginx and HAProxy read them, without dropping a request:
# each file is written beside the old one and renamed over it (readers never see half a file), and
# both servers reload gracefully. Run it from cron, and when the dump or the drain file changes
# (supersparrow-export.path). It stops at the first failure, leaving the previous maps in force.
set -eu
CONFIG=${CONFIG:-/etc/supersparrow.conf}

export_to() { # FORMAT FILE
    supersparrow --config "$CONFIG" --export "$1" > "$2.new"
    mv "$2.new" "$2"
}

export_to nginx-geo /etc/nginx/supersparrow-pop.conf
export_to haproxy-map /etc/haproxy/supersparrow-pop.map
nginx -t -q && nginx -s reload
systemctl reload haproxy
