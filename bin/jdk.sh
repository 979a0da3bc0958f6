# Sourced by bin/petrel, bin/test and .ci/run: finds a JDK 25 or newer, exports JAVA_HOME and MAVEN_OPTS.

java_feature() { # prints the feature release of the java binary $1, e.g. 25
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1
}

find_jdk25() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for d in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
    [ -d "$d" ] && candidates+=("$d")
  done
  local d v
  for d in "${candidates[@]}"; do
    [ -x "$d/bin/java" ] && [ -x "$d/bin/javac" ] || continue
    v=$(java_feature "$d/bin/java")
    if [ -n "$v" ] && [ "${v%%.*}" -ge 25 ] 2>/dev/null; then
      echo "$d"
      return 0
    fi
  done
  return 1
}

if ! PETREL_JDK=$(find_jdk25); then
  echo "petrel: no JDK 25 or newer found (looked at JAVA_HOME and /usr/lib/jvm/*)." >&2
  echo "petrel: install one, e.g. Temurin 25, or point JAVA_HOME at it." >&2
  exit 1
fi
export JAVA_HOME="$PETREL_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
# Maven 3.8 on Java 25 warns about sun.misc.Unsafe from its own Guava; that is Maven's, not ours.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
