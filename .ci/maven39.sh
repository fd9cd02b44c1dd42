#!/usr/bin/env bash
# Provides a Maven 3.9.x distribution and prints the path of its `mvn` binary on stdout.
#
# The distribution is fetched as an ordinary artifact (org.apache.maven:apache-maven:<v>:tar.gz:bin)
# by the Maven already on the PATH (or $MVN), from whatever remote repository that Maven is
# configured to use, so no host is named here. Idempotent: an unpacked distribution is reused.
#
# Environment:
#   MAVEN39_VERSIONS  versions to try, in order (default "3.9.11 3.9.9")
#   MAVEN39_HOME_ROOT directory holding the download cache and the unpacked distributions
#                     (default /opt if writable, else ${XDG_CACHE_HOME:-~/.cache}/allocgate)
#   MVN               the bootstrap Maven (default: mvn on the PATH)
# All diagnostics go to stderr, so `MVN39=$(.ci/maven39.sh)` captures only the path.
set -euo pipefail

versions=${MAVEN39_VERSIONS:-"3.9.11 3.9.9"}
bootstrap_mvn=${MVN:-mvn}
dependency_plugin=org.apache.maven.plugins:maven-dependency-plugin:3.8.1

if [ -n "${MAVEN39_HOME_ROOT:-}" ]; then
  root=$MAVEN39_HOME_ROOT
elif [ -w /opt ]; then
  root=/opt
else
  root=${XDG_CACHE_HOME:-$HOME/.cache}/allocgate
fi
download_dir=$root/maven-dl
mkdir -p "$download_dir"

# Reuse an already unpacked distribution, in order of preference.
for version in $versions; do
  candidate=$root/apache-maven-$version/bin/mvn
  if [ -x "$candidate" ]; then
    printf '%s\n' "$candidate"
    exit 0
  fi
done

for version in $versions; do
  archive=$download_dir/apache-maven-$version-bin.tar.gz
  if [ ! -s "$archive" ]; then
    echo "maven39.sh: fetching org.apache.maven:apache-maven:$version:tar.gz:bin" >&2
    # Run outside any project so that no pom in the current directory is read.
    if ! (cd "$download_dir" && "$bootstrap_mvn" -q -B \
          "$dependency_plugin:copy" \
          -Dartifact="org.apache.maven:apache-maven:$version:tar.gz:bin" \
          -DoutputDirectory="$download_dir" >&2); then
      echo "maven39.sh: apache-maven $version is not available, trying the next version" >&2
      rm -f "$archive"
      continue
    fi
  fi
  # Unpack next to the target, then rename, so an interrupted run never leaves a half tree in place.
  staging=$(mktemp -d "$root/.apache-maven-$version.XXXXXX")
  trap 'rm -rf "$staging"' EXIT
  tar -xzf "$archive" -C "$staging"
  if [ ! -x "$staging/apache-maven-$version/bin/mvn" ]; then
    echo "maven39.sh: $archive does not contain apache-maven-$version/bin/mvn" >&2
    exit 1
  fi
  target=$root/apache-maven-$version
  rm -rf "$target"
  mv "$staging/apache-maven-$version" "$target"
  rm -rf "$staging"
  trap - EXIT
  printf '%s\n' "$target/bin/mvn"
  exit 0
done

echo "maven39.sh: none of the Maven versions [$versions] could be fetched" >&2
exit 1
