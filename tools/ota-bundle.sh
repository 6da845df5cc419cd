#!/usr/bin/env bash
# Builds and signs a shelfnode update bundle (src/ota/README.md) from a staged install tree,
# with openssl and coreutils only, so a release can be signed on any Linux machine without
# building shelfnode.
set -euo pipefail

usage() {
  cat <<'HELP'
usage: tools/ota-bundle.sh --tree DIR --out DIR --key KEY.pem --version VERSION
                           (--expires UTC | --expires-days N) [--min-version VERSION]
                           [--name NAME] [--tar]

Builds the bundle folder OUT (which must not exist yet) from the staged install tree DIR:
copies every file, writes manifest.json (format 1: name, version, expires, optional
min_version, and each file's path, size and sha256) and signs it into manifest.json.sig
(ECDSA P-256 over SHA-256, DER: `openssl dgst -sha256 -sign`). The signature is checked
against KEY's public half before the script ends.

  --tree DIR          the files to ship, laid out as they will be installed; only regular
                      files and folders (a symlink or device file is refused)
  --out DIR           where the bundle folder is made
  --key KEY.pem       the release private key (P-256, see below)
  --version VERSION   semantic version (semver.org), e.g. 1.4.0 or 1.5.0-rc.1; a device
                      installs only versions newer than its own
  --expires UTC       when devices stop accepting the bundle, e.g. 2027-01-31T00:00:00Z
  --expires-days N    or: N days from now (UTC)
  --min-version V     devices older than V refuse the bundle (they need an intermediate one)
  --name NAME         product name in the manifest (default shelfnode)
  --tar               also write OUT.tar: the same bundle as one POSIX ustar archive, for a
                      host that serves one file (manifest.json and manifest.json.sig first,
                      then the files in byte order of their paths; owner 0:0, mode without
                      group/other write, mtime $SOURCE_DATE_EPOCH or 0: the same tree gives
                      the same bytes)

Key generation (on an offline machine; keep key.pem there, never on a device):
  openssl ecparam -genkey -name prime256v1 -noout -out release-2027.key.pem
  openssl ec -in release-2027.key.pem -pubout -out release-2027.pem
  Install release-2027.pem on every device in its trusted key folder
  (/etc/shelfnode/ota-keys/ by default). Every *.pem there is trusted.

Key rotation (no device is ever left without a key it trusts):
  1. make the new key pair as above;
  2. ship a bundle, signed with the OLD key, that installs the new public key beside the
     old one in the trusted key folder;
  3. sign every later bundle with the NEW key;
  4. once the fleet runs a release that trusts the new key, ship one that removes the old
     public key. From then on bundles signed with the old key are refused.

Key revocation (the private key leaked or is lost):
  remove its .pem from the trusted key folder on every device (by a bundle signed with a
  key that stays trusted, or by hand), and re-sign current releases with a trusted key. A
  device refuses anything the removed key signs from then on. Bundles already signed
  expire on their own: keep --expires short (weeks, not years) so a leaked or stale bundle
  stops working soon.
HELP
}

fail() {
  echo "ota-bundle: $*" >&2
  exit 64
}

tree="" out="" key="" version="" expires="" expires_days="" min_version="" name="shelfnode"
tar=0
while (($#)); do
  case $1 in
    -h | --help)
      usage
      exit 0
      ;;
    --tar)
      tar=1
      shift
      ;;
    --tree | --out | --key | --version | --expires | --expires-days | --min-version | --name)
      (($# >= 2)) || fail "$1 needs a value"
      case $1 in
        --tree) tree=$2 ;;
        --out) out=$2 ;;
        --key) key=$2 ;;
        --version) version=$2 ;;
        --expires) expires=$2 ;;
        --expires-days) expires_days=$2 ;;
        --min-version) min_version=$2 ;;
        --name) name=$2 ;;
      esac
      shift 2
      ;;
    *) fail "unknown argument '$1' (see --help)" ;;
  esac
done

[[ -n $tree && -n $out && -n $key && -n $version ]] ||
  fail "--tree, --out, --key and --version are required (see --help)"
[[ -d $tree ]] || fail "--tree $tree is not a folder"
[[ -r $key ]] || fail "--key $key is not readable"
[[ ! -e $out ]] || fail "--out $out exists already: pick a new folder"
((tar == 0)) || [[ ! -e $out.tar ]] || fail "$out.tar exists already: pick a new --out"

# The regular expression semver.org suggests (numbers without leading zeros).
num='(0|[1-9][0-9]*)'
ident='(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)'
semver="^$num\\.$num\\.$num(-$ident(\\.$ident)*)?(\\+[0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*)?\$"
[[ $version =~ $semver ]] || fail "--version '$version' is not a semantic version (e.g. 1.4.0)"
[[ -z $min_version || $min_version =~ $semver ]] ||
  fail "--min-version '$min_version' is not a semantic version"
[[ $name =~ ^[A-Za-z0-9._-]+$ ]] || fail "--name '$name' may hold only A-Z a-z 0-9 . _ -"

if [[ -n $expires_days ]]; then
  [[ -z $expires ]] || fail "give --expires or --expires-days, not both"
  [[ $expires_days =~ ^[1-9][0-9]{0,4}$ ]] || fail "--expires-days must be a whole number of days"
  expires=$(date -u -d "+$expires_days days" +%Y-%m-%dT%H:%M:%SZ)
fi
[[ $expires =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$ ]] ||
  fail "--expires must be a UTC time like 2027-01-31T00:00:00Z (or use --expires-days)"
date -u -d "${expires/T/ }" >/dev/null 2>&1 || fail "--expires $expires is not a real time"

openssl ec -in "$key" -noout -text 2>/dev/null | grep -q 'ASN1 OID: prime256v1' ||
  fail "--key $key is not a P-256 (prime256v1) private key (see --help, key generation)"

odd=$(cd "$tree" && find . ! -type f ! -type d -print -quit)
[[ -z $odd ]] || fail "$tree/${odd#./} is a link or special file: stage the real file instead"
for own in manifest.json manifest.json.sig; do
  [[ ! -e $tree/$own ]] || fail "$tree/$own: that name is the bundle's own"
done

# Built beside OUT and renamed into place, so OUT is either absent or a whole bundle.
mkdir -p "$(dirname "$out")"
work=$(mktemp -d "$(dirname "$out")/.ota-bundle.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/bundle"
cp -R --preserve=mode,timestamps "$tree/." "$work/bundle/"

# One JSON object per file, in byte order of the path so a bundle is reproducible.
entries=""
while IFS= read -r -d '' path; do
  path=${path#./}
  # Only what needs no JSON escaping: a path with a quote, backslash or control character
  # is refused here rather than escaped, and the device refuses it too.
  if [[ $path == *'"'* || $path == *\\* || $path =~ [[:cntrl:]] ]]; then
    fail "$tree/$path: a path may not hold a quote, backslash or control character"
  fi
  size=$(stat -c %s "$work/bundle/$path")
  hash=$(sha256sum <"$work/bundle/$path" | cut -d' ' -f1)
  entries+="${entries:+,}"$'\n'"    {\"path\": \"$path\", \"size\": $size, \"sha256\": \"$hash\"}"
done < <(cd "$work/bundle" && find . -type f -print0 | LC_ALL=C sort -z)
[[ -n $entries ]] || fail "$tree holds no files"

{
  printf '{\n  "format": 1,\n  "name": "%s",\n  "version": "%s",\n' "$name" "$version"
  printf '  "expires": "%s",\n' "$expires"
  [[ -z $min_version ]] || printf '  "min_version": "%s",\n' "$min_version"
  printf '  "files": [%s\n  ]\n}\n' "$entries"
} >"$work/bundle/manifest.json"

openssl dgst -sha256 -sign "$key" -out "$work/bundle/manifest.json.sig" "$work/bundle/manifest.json"
openssl ec -in "$key" -pubout -out "$work/public.pem" 2>/dev/null
openssl dgst -sha256 -verify "$work/public.pem" -signature "$work/bundle/manifest.json.sig" \
  "$work/bundle/manifest.json" >/dev/null || fail "the new signature does not verify"

if ((tar)); then
  # ustar holds paths of up to 255 bytes and files of up to 8 GiB: tar refuses anything more.
  # Only files are listed (their folders are implied), so a reader sees each name once.
  {
    printf '%s\0' manifest.json manifest.json.sig
    (cd "$work/bundle" && find . -type f ! -name manifest.json ! -name manifest.json.sig \
      -printf '%P\0' | LC_ALL=C sort -z)
  } | tar --format=ustar -C "$work/bundle" --owner=0 --group=0 --numeric-owner --mode=go-w \
    --mtime="@${SOURCE_DATE_EPOCH:-0}" --no-recursion --null -cf "$work/bundle.tar" -T - ||
    fail "tar could not pack the bundle (a path over 255 bytes?)"
fi

mv "$work/bundle" "$out"
((tar == 0)) || mv "$work/bundle.tar" "$out.tar"
echo "bundle $out: $name $version, $(grep -c '"path"' "$out/manifest.json") file(s), expires $expires"
((tar == 0)) || echo "bundle tar $out.tar"
