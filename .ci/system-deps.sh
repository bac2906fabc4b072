#!/usr/bin/env bash
# Install Debian's chromium (browser tests), a CJK font (Chinese in screenshots and exported
# charts) and a Java 17 runtime (the local Spark Connect server of the Spark tests) when they are
# missing. Without root we cannot: the browser and Spark tests then skip with a reason, except
# under CI=true, where they must run.
set -u
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
fc-list 2>/dev/null | grep -qi "Noto Color Emoji" || need+=(fonts-noto-color-emoji)
command -v java >/dev/null 2>&1 || need+=(openjdk-17-jre-headless)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != "0" ]; then
  echo "system-deps: missing ${need[*]} and not root; browser/Spark tests will skip (run as root or apt-get install ${need[*]})."
  exit 0
fi
echo "system-deps: installing ${need[*]} with apt-get"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq "${need[@]}" >/dev/null
status=$?
if [ $status -ne 0 ]; then
  echo "system-deps: apt-get failed ($status)"
  [ "${CI:-}" = "true" ] && exit $status
fi
exit 0
