#!/usr/bin/env bash
# Synthesises the demo audio of the IVR prompts: one prompts/<lang>/<id>.wav per row of
# prompts/catalogue.csv, in the format Asterisk plays without transcoding (WAV, 8 kHz, mono,
# 16-bit signed PCM). Studio recordings replace these files under the same names.
#
#   prompts/synthesise.sh           # new rows and changed transcripts (recordings are kept)
#   prompts/synthesise.sh --force   # every row
#
# Voices: fr -> espeak-ng "fr", en -> "en", yo/fon -> their own voice when espeak-ng has one,
# otherwise "sw" (Swahili) reading a transliteration: Swahili reads Latin vowels with the plain
# values Yoruba and Fon share, where the French voice mutes final e's and says u as in "lune".
# Numbers and "CFA" in Fon/Yoruba text are read by the French voice, as callers in Benin say them.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
catalogue="$here/catalogue.csv"
force=false
case "${1:-}" in
  --force) force=true ;;
  "") ;;
  *) echo "usage: $0 [--force]" >&2; exit 2 ;;
esac

ensure_tools() {
  command -v espeak-ng >/dev/null && command -v sox >/dev/null && command -v perl >/dev/null && return
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y espeak-ng sox perl \
      || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y espeak-ng sox perl; }
  else
    echo "espeak-ng and sox are needed (Debian: apt-get install espeak-ng sox)" >&2
    exit 1
  fi
}

has_voice() { espeak-ng --voices="$1" | awk 'NR > 1 { print $2 }' | grep -qx "$1"; }

# Prints the espeak-ng voice for a catalogue language, and "fallback" as a second word when the
# language has no voice of its own (the text is then transliterated, see above).
voice_for() {
  case "$1" in
    fr) echo "fr" ;;
    en) echo "en" ;;
    *) if has_voice "$1"; then echo "$1"; else echo "sw fallback"; fi ;;
  esac
}

# Fallback text as SSML: tone marks dropped, ɛ ɔ ɖ and dotted ẹ ọ ṣ spelt with plain letters,
# digit runs and "CFA" read by the French voice.
transliterate() {
  perl -CSA -MUnicode::Normalize -e '
    my $t = NFD($ARGV[0]);
    $t =~ s/s\x{0323}/sh/g; $t =~ s/S\x{0323}/Sh/g;
    $t =~ tr/\x{025B}\x{0254}\x{0256}\x{0190}\x{0186}\x{0189}/eodEOD/;
    $t =~ s/\p{Mn}//g;
    $t =~ s/&/ and /g; $t =~ s/[<>]//g;
    $t =~ s/(\d+|CFA)/<voice name="fr">$1<\/voice>/g;
    print "<speak>$t</speak>";' "$1"
}

# Rows as "id<TAB>language<TAB>transcript"; a transcript is quoted when it holds a comma.
rows() {
  perl -CSD -ne '
    next if $. == 1; chomp; s/\r$//; next if /^\s*$/;
    if (/^([^,]+),([^,]+),(?:"((?:[^"]|"")*)"|([^"]*))$/) {
      my $text = defined $3 ? $3 : $4; $text =~ s/""/"/g;
      print "$1\t$2\t$text\n";
    } else { die "catalogue.csv line $.: not id,language,transcript\n"; }' "$catalogue"
}

# synthesised.txt records, for each wav this script made, a hash of what made it (voice, settings,
# transcript). A catalogue edit then re-makes only the rows whose transcript changed, and a wav
# absent from it is a studio recording, which only --force overwrites. sox runs repeatably (-R) so
# re-making an unchanged prompt gives the same bytes and git sees no change.
manifest="$here/synthesised.txt"
settings="espeak-ng -s 160; sox -R 8000 Hz mono 16-bit, gain -n -2, pad 0.1 0.2"
declare -A made_from=()
if [[ -f $manifest ]]; then
  while IFS=$'\t' read -r file hash; do made_from[$file]=$hash; done < <(grep -v '^#' "$manifest")
fi

recipe_hash() { printf '%s\n' "$settings" "$@" | sha256sum | cut -c1-16; }

# Whether <lang>/<id>.wav must be (re)made from this recipe; says why it keeps a studio recording.
needs_making() {
  local file=$1 hash=$2 out="$here/$1"
  [[ $force == true || ! -f $out ]] && return 0
  [[ $out -nt $catalogue ]] && return 1
  if [[ -z ${made_from[$file]:-} ]]; then
    echo "keeping $file: not made by this script (a recording?); --force replaces it" >&2
    return 1
  fi
  [[ ${made_from[$file]} != "$hash" ]]
}

ensure_tools
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

made=0 kept=0
declare -A languages=() cataloged=() option_hash=()
while IFS=$'\t' read -r id language text; do
  languages[$language]=1
  cataloged["$language/$id.wav"]=1
  [[ $id == language-menu ]] && continue   # assembled below from the four language-option files
  read -r voice fallback <<<"$(voice_for "$language")"
  file="$language/$id.wav" out="$here/$language/$id.wav"
  hash="$(recipe_hash "$voice${fallback:+ (fallback)}" "$text")"
  [[ $id == language-option ]] && option_hash[$language]=$hash
  if ! needs_making "$file" "$hash"; then kept=$((kept + 1)); continue; fi
  mkdir -p "$here/$language"
  if [[ -n ${fallback:-} ]]; then
    espeak-ng -m -v "$voice" -s 160 -w "$tmp/raw.wav" "$(transliterate "$text")"
  else
    espeak-ng -v "$voice" -s 160 -w "$tmp/raw.wav" "$text"
  fi
  sox -R "$tmp/raw.wav" -r 8000 -c 1 -b 16 -e signed-integer "$out" gain -n -2 pad 0.1 0.2
  made_from[$file]=$hash
  made=$((made + 1))
done < <(rows)

# The language menu is said in all four languages, each by its own voice; every language's copy
# is the same sequence so the digits stay 1 fr, 2 en, 3 fon, 4 yo whoever hears it.
options=()
for language in fr en fon yo; do options+=("$here/$language/language-option.wav"); done
menu_hash="$(recipe_hash "language-menu" "${option_hash[fr]:-}" "${option_hash[en]:-}" "${option_hash[fon]:-}" "${option_hash[yo]:-}")"
for language in "${!languages[@]}"; do
  file="$language/language-menu.wav" out="$here/$language/language-menu.wav"
  if ! needs_making "$file" "$menu_hash"; then kept=$((kept + 1)); continue; fi
  sox -R "${options[@]}" -r 8000 -c 1 -b 16 -e signed-integer "$out"
  made_from[$file]=$menu_hash
  made=$((made + 1))
done

{
  echo "# Written by synthesise.sh: the wav files it made and the hash of their recipe. Do not edit."
  for file in "${!made_from[@]}"; do
    [[ -f $here/$file ]] && printf '%s\t%s\n' "$file" "${made_from[$file]}"
  done | LC_ALL=C sort
} > "$manifest"

# Audio left behind by a row that was removed from the catalogue is reported, not deleted:
# it may be a studio recording waiting for its row.
while IFS= read -r wav; do
  rel="${wav#"$here"/}"
  [[ -n ${cataloged[$rel]:-} ]] || echo "warning: $rel has no catalogue row" >&2
done < <(find "$here" -mindepth 2 -name '*.wav' | sort)

echo "synthesised $made, up to date $kept; voices: fr=$(voice_for fr) en=$(voice_for en) fon=$(voice_for fon) yo=$(voice_for yo)"
du -sh "$here"
