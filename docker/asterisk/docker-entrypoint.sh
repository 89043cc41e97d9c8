#!/bin/sh
# Starts Asterisk for Griot. Before that, writes the two files the shipped configuration includes
# and that must never be committed, from the container's environment (docker/.env):
#   griot-manager-secret.conf  the AMI secret of user griot     (GRIOT_TELEPHONY_AMI_PASSWORD)
#   griot-pjsip-secrets.conf   one password per desk phone       (ASTERISK_PHONE_PASSWORD_<name>)
#                              and the external address for NAT  (ASTERISK_EXTERNAL_ADDRESS)
# A missing secret stops the container: Asterisk never runs with an empty or default password.
set -eu

conf=/etc/asterisk

fail() {
    echo "asterisk entrypoint: $*" >&2
    exit 1
}

# Prints the value of the variable named $1, refusing empty values and line breaks, with ";"
# escaped (it starts a comment in Asterisk's configuration syntax).
secret() {
    eval "value=\${$1:-}"
    [ -n "$value" ] || fail "$1 is not set (see docker/.env.example)"
    case "$value" in
        *"
"*) fail "$1 contains a line break" ;;
    esac
    printf '%s' "$value" | sed 's/;/\\;/g'
}

umask 027

# (assignments, not "$(...)" inside arguments: set -e then stops the script on a missing secret)
ami_secret=$(secret GRIOT_TELEPHONY_AMI_PASSWORD)
printf 'secret = %s\n' "$ami_secret" > "$conf/griot-manager-secret.conf"

{
    echo "; Written by docker-entrypoint.sh at container start. Do not edit, do not commit."
    if [ -n "${ASTERISK_EXTERNAL_ADDRESS:-}" ]; then
        for transport in transport-udp transport-tcp; do
            printf '[%s](+)\nexternal_media_address = %s\nexternal_signaling_address = %s\n\n' \
                "$transport" "$ASTERISK_EXTERNAL_ADDRESS" "$ASTERISK_EXTERNAL_ADDRESS"
        done
    fi
    # Every phone of pjsip.conf ([<name>-auth](agent-auth)) needs ASTERISK_PHONE_PASSWORD_<NAME>
    # (upper case, "-" as "_"), e.g. ASTERISK_PHONE_PASSWORD_1001, ASTERISK_PHONE_PASSWORD_STAGING_TEST.
    for phone in $(sed -n 's/^\[\([A-Za-z0-9_-]*\)-auth\](agent-auth).*/\1/p' "$conf/pjsip.conf"); do
        variable="ASTERISK_PHONE_PASSWORD_$(echo "$phone" | tr 'a-z-' 'A-Z_')"
        password=$(secret "$variable")
        printf '[%s-auth](+)\npassword = %s\n\n' "$phone" "$password"
    done
} > "$conf/griot-pjsip-secrets.conf"

chown root:asterisk "$conf/griot-manager-secret.conf" "$conf/griot-pjsip-secrets.conf"

exec "$@"
