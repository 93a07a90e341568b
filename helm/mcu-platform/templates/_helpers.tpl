{{/*
Shared helpers of the mcu-platform chart.

Most helpers take a "component context" dict:
  root      - the top-level context ($)
  component - the component name: gateway, tenant-service, core-service (or keycloak-realm, secrets)
  svc       - that service's values block (.Values.gateway, ...); an empty dict for non-service objects
*/}}

{{/* Chart name, used in app.kubernetes.io/name. */}}
{{- define "mcu.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Prefix of every object name: the release name unless fullnameOverride is set.
     Cut to 40 characters so that "<prefix>-tenant-service" stays a valid DNS label. */}}
{{- define "mcu.prefix" -}}
{{- default .Release.Name .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- end -}}

{{/* helm.sh/chart label value. */}}
{{- define "mcu.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Object name of a component: <prefix>-<component>. Takes (dict "root" $ "component" "...") */}}
{{- define "mcu.fullname" -}}
{{- printf "%s-%s" (include "mcu.prefix" .root) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Image tag of a component: svc.image.tag, else the chart's appVersion. */}}
{{- define "mcu.imageTag" -}}
{{- $tag := .root.Chart.AppVersion -}}
{{- if and .svc (hasKey .svc "image") -}}
{{- $tag = default $tag .svc.image.tag -}}
{{- end -}}
{{- $tag | toString -}}
{{- end -}}

{{/* Full image reference of a component. */}}
{{- define "mcu.image" -}}
{{- $repo := .svc.image.repository -}}
{{- with .root.Values.global.imageRegistry -}}
{{- $repo = printf "%s/%s" (trimSuffix "/" .) $repo -}}
{{- end -}}
{{- printf "%s:%s" $repo (include "mcu.imageTag" .) -}}
{{- end -}}

{{/* Selector labels: never change them after the first install (Deployment selectors are immutable). */}}
{{- define "mcu.selectorLabels" -}}
app.kubernetes.io/name: {{ include "mcu.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* Standard labels of every object. */}}
{{- define "mcu.labels" -}}
{{ include "mcu.selectorLabels" . }}
app.kubernetes.io/version: {{ include "mcu.imageTag" . | quote }}
app.kubernetes.io/part-of: mcu-platform
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ include "mcu.chart" .root }}
{{- end -}}

{{/* URL of a backend service inside the cluster, as the gateway reaches it. */}}
{{- define "mcu.serviceUri" -}}
{{- printf "http://%s:%v" (include "mcu.fullname" .) .svc.port -}}
{{- end -}}

{{/* ---------------------------------------------------------------------------
     Secrets
     --------------------------------------------------------------------------- */}}

{{/* Name of the Secret the chart creates when secrets.create is true. Takes $. */}}
{{- define "mcu.generatedSecretName" -}}
{{- include "mcu.fullname" (dict "root" . "component" "secrets") -}}
{{- end -}}

{{/*
One env entry read from a Secret.
Takes (dict "root" $ "env" "VAR_NAME" "existingSecret" "..." "key" "...").
With secrets.create the chart's own Secret is used (same key); otherwise existingSecret.
*/}}
{{- define "mcu.secretEnv" -}}
{{- $name := .existingSecret -}}
{{- $key := .key -}}
{{- if .root.Values.secrets.create -}}
{{- $name = include "mcu.generatedSecretName" .root -}}
{{- end -}}
{{- if not $name -}}
{{- fail (printf "%s: no Secret to read it from; set the existingSecret for it in values, or secrets.create=true (dev clusters only)" .env) -}}
{{- end -}}
- name: {{ .env }}
  valueFrom:
    secretKeyRef:
      name: {{ $name | quote }}
      key: {{ required (printf "%s: the key in the Secret must not be empty" .env) $key | quote }}
{{- end -}}

{{/* Whether a Redis password is configured at all ("true" or ""). Takes $. */}}
{{- define "mcu.redisHasPassword" -}}
{{- if .Values.secrets.create -}}
{{- if .Values.secrets.redisPassword }}true{{ end -}}
{{- else if .Values.redis.existingSecret -}}
true
{{- end -}}
{{- end -}}

{{/* SPRING_DATA_REDIS_PASSWORD, when a password is configured. Takes $. */}}
{{- define "mcu.redisPasswordEnv" -}}
{{- if include "mcu.redisHasPassword" . -}}
{{ include "mcu.secretEnv" (dict "root" . "env" "SPRING_DATA_REDIS_PASSWORD" "existingSecret" .Values.redis.existingSecret "key" .Values.redis.passwordKey) }}
{{- end -}}
{{- end -}}

{{/* ---------------------------------------------------------------------------
     Environment of each kind of service
     Config helpers print a YAML map NAME: value (non-secret, goes to the ConfigMap);
     secret helpers print a YAML list of env entries with secretKeyRef.
     --------------------------------------------------------------------------- */}}

{{/* Environment shared by every service. Takes a component context. */}}
{{- define "mcu.commonConfig" -}}
SERVER_PORT: {{ .svc.port | toString | quote }}
{{- /* The apps bind to 127.0.0.1 by default (local runs); in a pod they must listen on all interfaces. */}}
SERVER_ADDRESS: "0.0.0.0"
MCU_ISSUER_URI: {{ required "keycloak.issuerUri is required" .root.Values.keycloak.issuerUri | quote }}
SPRING_DATA_REDIS_HOST: {{ required "redis.host is required" .root.Values.redis.host | quote }}
SPRING_DATA_REDIS_PORT: {{ .root.Values.redis.port | toString | quote }}
MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED: "true"
{{- with .root.Values.javaToolOptions }}
JAVA_TOOL_OPTIONS: {{ . | quote }}
{{- end }}
{{- end -}}

{{/* tenant-service / core-service config. Takes a component context plus
     "db" (the service's block under .Values.postgresql) and "dbPath" (its name, for errors). */}}
{{- define "mcu.backendConfig" -}}
{{- $pg := .root.Values.postgresql -}}
{{- $where := .dbPath -}}
{{- $url := printf "jdbc:postgresql://%s:%v/%s" (required "postgresql.host is required" $pg.host) $pg.port (required (printf "%s.database is required" $where) .db.database) -}}
{{- with $pg.parameters }}{{ $url = printf "%s?%s" $url (trimPrefix "?" .) }}{{ end -}}
{{ include "mcu.commonConfig" . }}
SPRING_DATASOURCE_URL: {{ $url | quote }}
SPRING_DATASOURCE_USERNAME: {{ required (printf "%s.app.username is required" $where) .db.app.username | quote }}
SPRING_LIQUIBASE_USER: {{ required (printf "%s.owner.username is required" $where) .db.owner.username | quote }}
{{- end -}}

{{/* tenant-service / core-service secrets. Takes (dict "root" $ "db" <the service's block under .Values.postgresql>). */}}
{{- define "mcu.backendSecretEnv" -}}
{{- $root := .root -}}
{{- $secret := $root.Values.postgresql.existingSecret -}}
{{ include "mcu.secretEnv" (dict "root" $root "env" "SPRING_DATASOURCE_PASSWORD" "existingSecret" $secret "key" .db.app.passwordKey) }}
{{ include "mcu.secretEnv" (dict "root" $root "env" "SPRING_LIQUIBASE_PASSWORD" "existingSecret" $secret "key" .db.owner.passwordKey) }}
{{- with include "mcu.redisPasswordEnv" $root }}
{{ . }}
{{- end }}
{{- end -}}

{{/* tenant-service config: the backend config plus the id of its own Keycloak client, the service
     account it uses to manage organizations and users. Same arguments as mcu.backendConfig. */}}
{{- define "mcu.tenantServiceConfig" -}}
{{ include "mcu.backendConfig" . }}
MCU_KEYCLOAK_ADMIN_CLIENT_ID: {{ required "keycloak.tenantService.clientId is required" .root.Values.keycloak.tenantService.clientId | quote }}
{{- end -}}

{{/* tenant-service secrets: the backend secrets plus its Keycloak client secret.
     Same arguments as mcu.backendSecretEnv. */}}
{{- define "mcu.tenantServiceSecretEnv" -}}
{{- $kc := .root.Values.keycloak.tenantService -}}
{{ include "mcu.backendSecretEnv" . }}
{{ include "mcu.secretEnv" (dict "root" .root "env" "MCU_KEYCLOAK_ADMIN_CLIENT_SECRET" "existingSecret" $kc.existingSecret "key" $kc.clientSecretKey) }}
{{- end -}}

{{/* Gateway config. Takes a component context. */}}
{{- define "mcu.gatewayConfig" -}}
{{- $root := .root -}}
{{- $tenant := default (include "mcu.serviceUri" (dict "root" $root "component" "tenant-service" "svc" $root.Values.tenantService)) .svc.tenantServiceUri -}}
{{- $core := default (include "mcu.serviceUri" (dict "root" $root "component" "core-service" "svc" $root.Values.coreService)) .svc.coreServiceUri -}}
{{ include "mcu.commonConfig" . }}
MCU_GATEWAY_CLIENT_ID: {{ required "keycloak.gateway.clientId is required" $root.Values.keycloak.gateway.clientId | quote }}
MCU_TENANT_SERVICE_URI: {{ $tenant | quote }}
MCU_CORE_SERVICE_URI: {{ $core | quote }}
{{- /* Behind the ingress: redirect URIs from X-Forwarded-*, and session cookies only over HTTPS. */}}
SERVER_FORWARD_HEADERS_STRATEGY: "framework"
SERVER_REACTIVE_SESSION_COOKIE_SECURE: {{ .svc.secureCookies | toString | quote }}
{{- with .svc.map }}
{{- if .tiles }}
MCU_MAP_TILES: {{ .tiles | quote }}
{{- end }}
{{- if .attribution }}
MCU_MAP_ATTRIBUTION: {{ .attribution | quote }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Gateway secrets. Takes $. */}}
{{- define "mcu.gatewaySecretEnv" -}}
{{- $kc := .Values.keycloak.gateway -}}
{{ include "mcu.secretEnv" (dict "root" . "env" "MCU_GATEWAY_CLIENT_SECRET" "existingSecret" $kc.existingSecret "key" $kc.clientSecretKey) }}
{{- with include "mcu.redisPasswordEnv" . }}
{{ . }}
{{- end }}
{{- end -}}

{{/* ---------------------------------------------------------------------------
     Objects of one service. Each takes a component context plus:
       config    - map NAME: value for the ConfigMap
       secretEnv - YAML list (string) of env entries read from Secrets
     --------------------------------------------------------------------------- */}}

{{/* ConfigMap with the non-secret environment. */}}
{{- define "mcu.configmap" -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "mcu.fullname" . }}-env
  labels:
    {{- include "mcu.labels" . | nindent 4 }}
data:
  {{- range $name, $value := .config }}
  {{ $name }}: {{ $value | toString | quote }}
  {{- end }}
{{- end -}}

{{/* Deployment. */}}
{{- define "mcu.deployment" -}}
{{- $root := .root -}}
{{- $svc := .svc -}}
{{- $p := $root.Values.probes -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "mcu.fullname" . }}
  labels:
    {{- include "mcu.labels" . | nindent 4 }}
spec:
  replicas: {{ $svc.replicaCount }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "mcu.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "mcu.labels" . | nindent 8 }}
      annotations:
        # Roll the pods when their configuration changes.
        checksum/config: {{ include "mcu.configmap" . | sha256sum }}
        {{- if $root.Values.secrets.create }}
        checksum/secret: {{ include "mcu.generatedSecret" $root | sha256sum }}
        {{- end }}
        {{- with $svc.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      # No <SERVICE>_PORT=tcp://... variables: they would leak into Spring's relaxed binding.
      enableServiceLinks: false
      automountServiceAccountToken: false
      {{- with $root.Values.global.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
      containers:
        - name: {{ .component }}
          image: {{ include "mcu.image" . | quote }}
          imagePullPolicy: {{ $svc.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ $svc.port }}
              protocol: TCP
          envFrom:
            - configMapRef:
                name: {{ include "mcu.fullname" . }}-env
          {{- with .secretEnv }}
          env:
            {{- . | nindent 12 }}
          {{- end }}
          startupProbe:
            httpGet:
              path: /actuator/health/liveness
              port: http
            periodSeconds: {{ $p.startup.periodSeconds }}
            timeoutSeconds: {{ $p.startup.timeoutSeconds }}
            failureThreshold: {{ $p.startup.failureThreshold }}
          livenessProbe:
            httpGet:
              path: /actuator/health/liveness
              port: http
            periodSeconds: {{ $p.liveness.periodSeconds }}
            timeoutSeconds: {{ $p.liveness.timeoutSeconds }}
            failureThreshold: {{ $p.liveness.failureThreshold }}
          readinessProbe:
            httpGet:
              path: /actuator/health/readiness
              port: http
            periodSeconds: {{ $p.readiness.periodSeconds }}
            timeoutSeconds: {{ $p.readiness.timeoutSeconds }}
            failureThreshold: {{ $p.readiness.failureThreshold }}
          securityContext:
            {{- toYaml $root.Values.containerSecurityContext | nindent 12 }}
          resources:
            {{- toYaml $svc.resources | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        # The root filesystem is read-only; Spring Boot and the JVM write only here.
        - name: tmp
          emptyDir:
            {{- with $root.Values.tmpVolumeSizeLimit }}
            sizeLimit: {{ . }}
            {{- end }}
      {{- with $svc.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $svc.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $svc.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $svc.topologySpreadConstraints }}
      topologySpreadConstraints:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end -}}

{{/* ClusterIP Service on the application port. */}}
{{- define "mcu.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "mcu.fullname" . }}
  labels:
    {{- include "mcu.labels" . | nindent 4 }}
spec:
  type: ClusterIP
  ports:
    - name: http
      port: {{ .svc.port }}
      targetPort: http
      protocol: TCP
  selector:
    {{- include "mcu.selectorLabels" . | nindent 4 }}
{{- end -}}

{{/* PodDisruptionBudget, only when the service runs more than one pod. */}}
{{- define "mcu.pdb" -}}
{{- if and .svc.podDisruptionBudget.enabled (gt (int .svc.replicaCount) 1) -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "mcu.fullname" . }}
  labels:
    {{- include "mcu.labels" . | nindent 4 }}
spec:
  minAvailable: 1
  selector:
    matchLabels:
      {{- include "mcu.selectorLabels" . | nindent 6 }}
{{- end -}}
{{- end -}}

{{/* Everything of one service: ConfigMap, Deployment, Service and (maybe) PDB. */}}
{{- define "mcu.component" -}}
{{ include "mcu.configmap" . }}
---
{{ include "mcu.deployment" . }}
---
{{ include "mcu.service" . }}
{{- with include "mcu.pdb" . }}
---
{{ . }}
{{- end }}
{{- end -}}

{{/* The Secret created when secrets.create is true (dev clusters only). Takes $.
     Its keys are the key names configured for the existingSecrets, so it has the same shape
     as the Secrets an operator creates by hand. */}}
{{- define "mcu.generatedSecret" -}}
{{- $s := .Values.secrets -}}
{{- $pg := .Values.postgresql -}}
{{- $data := dict -}}
{{- $entries := list
      (list $pg.tenantService.app.passwordKey $s.postgresql.tenantService.appPassword "secrets.postgresql.tenantService.appPassword")
      (list $pg.tenantService.owner.passwordKey $s.postgresql.tenantService.ownerPassword "secrets.postgresql.tenantService.ownerPassword")
      (list $pg.coreService.app.passwordKey $s.postgresql.coreService.appPassword "secrets.postgresql.coreService.appPassword")
      (list $pg.coreService.owner.passwordKey $s.postgresql.coreService.ownerPassword "secrets.postgresql.coreService.ownerPassword")
      (list .Values.keycloak.gateway.clientSecretKey $s.gatewayClientSecret "secrets.gatewayClientSecret")
      (list .Values.keycloak.tenantService.clientSecretKey $s.tenantServiceClientSecret "secrets.tenantServiceClientSecret") -}}
{{- if $s.redisPassword -}}
{{- $entries = append $entries (list .Values.redis.passwordKey $s.redisPassword "secrets.redisPassword") -}}
{{- end -}}
{{- range $entries -}}
{{- $key := index . 0 -}}
{{- $value := required (printf "%s is required when secrets.create=true" (index . 2)) (index . 1) -}}
{{- if and (hasKey $data $key) (ne (get $data $key) $value) -}}
{{- fail (printf "secrets.create=true: two different values for the key %q; give them different key names" $key) -}}
{{- end -}}
{{- $_ := set $data $key $value -}}
{{- end -}}
apiVersion: v1
kind: Secret
metadata:
  name: {{ include "mcu.generatedSecretName" . }}
  labels:
    {{- include "mcu.labels" (dict "root" . "component" "secrets" "svc" (dict)) | nindent 4 }}
type: Opaque
stringData:
  {{- range $key, $value := $data }}
  {{ $key | quote }}: {{ $value | quote }}
  {{- end }}
{{- end -}}
