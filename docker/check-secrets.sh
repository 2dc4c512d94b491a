#!/bin/sh
# Refuses to start with a weak setup: every secret named below must be set, must not be a
# placeholder (change-me, example, …), must be long and not one character repeated. Run by the
# one-shot `secrets-check` service (PostgreSQL and Redis wait for it, so a weak password is never
# written into a new database) and again by each n8n container's entrypoint.
#
#   check-secrets.sh VAR [VAR...]   checks the named variables of the environment
# Exit status 0 when all are strong; 1 with one line per problem on stderr otherwise.
set -u

MIN_LENGTH=32
status=0

refuse() {
	echo "shop-sync: refusing to start: $1 $2. Generate one with: openssl rand -hex 32 (in docker/.env)." >&2
	status=1
}

for name in "$@"; do
	case "$name" in
		'' | *[!A-Z0-9_]*) echo "shop-sync: check-secrets.sh: \"$name\" is not a variable name" >&2; exit 2 ;;
	esac
	eval "value=\${$name-}"
	lower=$(printf '%s' "$value" | tr 'A-Z' 'a-z')
	case "$name" in
		*PASSWORD_HASH)
			# The owner's password, as n8n stores it: a bcrypt hash ($2a$/$2b$/$2y$, cost, 53 characters).
			if ! printf '%s' "$value" | grep -Eq '^\$2[aby]\$[0-9]{2}\$[./A-Za-z0-9]{53}$'; then
				echo "shop-sync: refusing to start: $name is not a bcrypt hash. See docker/README.md, \"First start\" (write each \$ as \$\$ in docker/.env)." >&2
				status=1
			fi
			continue
			;;
	esac
	if [ -z "$value" ]; then
		refuse "$name" "is empty"
		continue
	fi
	case "$lower" in
		*change-me* | *changeme* | *change_me* | *example* | *placeholder* | *replace* | *password* | *secret* | *your-* | *your_* | *xxxx* | *todo*)
			refuse "$name" "is a placeholder"
			continue
			;;
	esac
	if [ "${#value}" -lt "$MIN_LENGTH" ]; then
		refuse "$name" "is shorter than $MIN_LENGTH characters"
		continue
	fi
	distinct=$(printf '%s' "$value" | fold -w1 | sort -u | wc -l)
	if [ "$distinct" -lt 8 ]; then
		refuse "$name" "repeats too few characters ($distinct distinct)"
	fi
done

exit "$status"
