# Sourced by ./mvnw and ./mooring: makes JAVA_HOME point at a JDK >= 21 (its major version in
# mooring_java_major).
# Keeps a JAVA_HOME that is already new enough; otherwise takes the newest JDK it finds
# on PATH, under /usr/lib/jvm, /usr/java, /opt or in SDKMAN's folder. Fails with a hint.
# Shell built-ins only (no sed, grep or dirname): ./mooring runs this before every command.
mooring_jdk_major() {
  # The release file of a JDK says e.g. JAVA_VERSION="25.0.1" (or "1.8.0_392").
  [ -x "$1/bin/javac" ] && [ -f "$1/release" ] || { echo 0; return; }
  v=""
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in JAVA_VERSION=*) v=${line#JAVA_VERSION=\"}; break ;; esac
  done < "$1/release"
  case "$v" in 1.*) v=${v#1.} ;; esac
  v=${v%%[!0-9]*}
  echo "${v:-0}"
}

mooring_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ "$(mooring_jdk_major "$JAVA_HOME")" -ge 21 ]; then export JAVA_HOME; return 0; fi
  best=""; best_major=0
  on_path=""
  if command -v javac >/dev/null 2>&1; then
    on_path=$(readlink -f "$(command -v javac)")
    on_path=${on_path%/bin/javac}
  fi
  for home in $on_path /usr/lib/jvm/* /usr/java/* /opt/*jdk* /opt/java/* "$HOME"/.sdkman/candidates/java/*; do
    [ -d "$home" ] || continue
    major=$(mooring_jdk_major "$home")
    if [ "$major" -gt "$best_major" ]; then best=$home; best_major=$major; fi
  done
  if [ "$best_major" -ge 21 ]; then
    JAVA_HOME=$best; export JAVA_HOME
    return 0
  fi
  echo "mooring: no JDK 21 or newer found (JAVA_HOME, PATH, /usr/lib/jvm, /opt, ~/.sdkman)." >&2
  echo "  install one, e.g. 'apt-get install openjdk-21-jdk-headless', or set JAVA_HOME to it." >&2
  return 1
}

mooring_find_jdk || exit 1
mooring_java_major=$(mooring_jdk_major "$JAVA_HOME")
# Maven's own libraries (Guice, Guava) still use sun.misc.Unsafe; JDK 23+ warns unless told it is known.
if [ "$mooring_java_major" -ge 23 ]; then
  MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow ${MAVEN_OPTS:-}"; export MAVEN_OPTS
fi
