{{/*
A service entry with the defaults and its override merged in: entry wins over defaults,
override wins over entry.
*/}}
{{- define "todo-stack.service" -}}
{{- $defaults := deepCopy .root.Values.defaults -}}
{{- $override := deepCopy (get .root.Values.overrides .service.name | default dict) -}}
{{- toYaml (mergeOverwrite $defaults (deepCopy .service) $override) -}}
{{- end -}}

{{/*
A service's version as pinned in the chart's appVersion ("todo-1.4.2+a1b2c3d.broadcaster-...").
Fails when the service is not there, so that no service runs an unpinned version by accident.
*/}}
{{- define "todo-stack.version" -}}
{{- $found := regexFind (printf "(^|\\.)%s-[0-9]+\\.[0-9]+\\.[0-9]+(\\+[0-9a-f]+)?" .name) .root.Chart.AppVersion -}}
{{- if not $found -}}
{{- fail (printf "service %q has no version in Chart.yaml's appVersion %q: add %s-<version>+<sha> to it" .name .root.Chart.AppVersion .name) -}}
{{- end -}}
{{- $found | trimPrefix "." | trimPrefix (printf "%s-" .name) -}}
{{- end -}}

{{/* The image tag: the entry's tag when it has one, else the pinned version ('+' is not allowed in tags). */}}
{{- define "todo-stack.tag" -}}
{{- .service.image.tag | default (include "todo-stack.version" (dict "name" .service.name "root" .root) | replace "+" "-") -}}
{{- end -}}

{{/* Labels that select a service's pods: they must never change for a running Deployment. */}}
{{- define "todo-stack.selectorLabels" -}}
app.kubernetes.io/name: {{ .service.name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* The Kubernetes recommended labels. */}}
{{- define "todo-stack.labels" -}}
{{ include "todo-stack.selectorLabels" . }}
app.kubernetes.io/version: {{ include "todo-stack.tag" . | quote }}
{{- with .service.component }}
app.kubernetes.io/component: {{ . }}
{{- end }}
app.kubernetes.io/part-of: {{ .root.Chart.Name }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{/* An HTTP probe on the service's port. */}}
{{- define "todo-stack.probe" -}}
httpGet:
  path: {{ required "every probe needs a path" .path }}
  port: http
initialDelaySeconds: {{ .initialDelaySeconds | default 5 }}
periodSeconds: {{ .periodSeconds | default 10 }}
failureThreshold: {{ .failureThreshold | default 3 }}
{{- end -}}
