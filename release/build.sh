#!/usr/bin/env bash
# Builds the release archives of the commit at HEAD for Linux, macOS and
# Windows on amd64 and arm64, and their SHA256SUMS, into DIR. The release
# workflow (.github/workflows/release.yml) runs it on a tag; without --tag
# it is a dry run of the same steps for any commit, publishing nothing.
#
#   release/build.sh [--tag vX.Y.Z] DIR
#
# The same commit gives the same bytes: the build runs in a fresh clone of
# the commit with the Go version go.mod names, -trimpath, CGO_ENABLED=0 and
# pinned GOAMD64/GOARM64; go build records the commit, its date and (at a
# tag) the version, which --version prints; pack (release/pack) dates every
# archive entry SOURCE_DATE_EPOCH, the commit's date.
set -euo pipefail

tag=""
if [ "${1:-}" = --tag ]; then
  tag="${2:?--tag needs a tag}"
  shift 2
fi
if [ $# -ne 1 ]; then
  echo "usage: release/build.sh [--tag vX.Y.Z] DIR" >&2
  exit 2
fi
mkdir -p "$1"
out="$(cd "$1" && pwd)"
repo="$(git rev-parse --show-toplevel)"
commit="$(git -C "$repo" rev-parse HEAD)"

# A fresh clone: nothing uncommitted gets in, and go build records the
# commit even when HEAD is in a git worktree (the go command looks for a
# .git folder, and a worktree has a .git file).
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git clone --quiet --no-checkout "$repo" "$work/src"
git -C "$work/src" checkout --quiet --detach "$commit"
cd "$work/src"

SOURCE_DATE_EPOCH="$(git log -1 --format=%ct)"
GOTOOLCHAIN="go$(sed -n 's/^go //p' go.mod)" # the same compiler, the same bytes
export SOURCE_DATE_EPOCH GOTOOLCHAIN
export CGO_ENABLED=0 GOAMD64=v1 GOARM64=v8.0 GOFLAGS=-mod=readonly
unset GOEXPERIMENT

docs=(README.md)
if [ -f LICENSE ]; then
  docs+=(LICENSE)
else
  echo "warning: no LICENSE at $commit: the archives ship README.md alone" >&2
fi

archives=()
for target in linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64; do
  goos="${target%/*}" goarch="${target#*/}"
  exe=dprkreport
  [ "$goos" = windows ] && exe=dprkreport.exe
  bin="$work/bin/$goos-$goarch/$exe"
  GOOS="$goos" GOARCH="$goarch" go build -trimpath -buildvcs=true -o "$bin" .

  # What go build recorded, read from the binary (any platform's).
  info="$(go version -m "$bin")"
  version="$(awk '$1 == "mod" { print $3 }' <<<"$info")"
  if ! grep -q "vcs.revision=$commit" <<<"$info" || ! grep -q "vcs.modified=false" <<<"$info"; then
    echo "$target: the binary does not record commit $commit, unmodified:" >&2
    echo "$info" >&2
    exit 1
  fi
  if [ -n "$tag" ] && [ "$version" != "$tag" ]; then
    echo "$target: go build stamped version $version, not $tag: is $tag a semantic version tag (vX.Y.Z) at $commit?" >&2
    exit 1
  fi

  name="dprkreport-$version-$goos-$goarch"
  archive="$out/$name.tar.gz"
  [ "$goos" = windows ] && archive="$out/$name.zip"
  go run ./release/pack -o "$archive" -dir dprkreport "$bin" "${docs[@]}"
  archives+=("${archive##*/}")
done

cd "$out"
sha256sum -- "${archives[@]}" >SHA256SUMS
cat SHA256SUMS
