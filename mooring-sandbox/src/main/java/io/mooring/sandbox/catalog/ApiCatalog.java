package io.mooring.sandbox.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The kinds the sandbox serves: Kubernetes 1.34's built-in resources (from a table generated
 * from its OpenAPI document), plus those that CustomResourceDefinitions register at run time.
 */
public final class ApiCatalog {
    /** kubectl's short names and categories are not in the OpenAPI document; these are Kubernetes' own. */
    private static final Map<String, List<String>> SHORT_NAMES = Map.ofEntries(
            Map.entry("pods", List.of("po")), Map.entry("services", List.of("svc")),
            Map.entry("deployments", List.of("deploy")), Map.entry("replicasets", List.of("rs")),
            Map.entry("statefulsets", List.of("sts")), Map.entry("daemonsets", List.of("ds")),
            Map.entry("namespaces", List.of("ns")), Map.entry("nodes", List.of("no")),
            Map.entry("configmaps", List.of("cm")), Map.entry("persistentvolumeclaims", List.of("pvc")),
            Map.entry("persistentvolumes", List.of("pv")), Map.entry("serviceaccounts", List.of("sa")),
            Map.entry("endpoints", List.of("ep")), Map.entry("events", List.of("ev")),
            Map.entry("ingresses", List.of("ing")), Map.entry("horizontalpodautoscalers", List.of("hpa")),
            Map.entry("cronjobs", List.of("cj")), Map.entry("customresourcedefinitions", List.of("crd", "crds")),
            Map.entry("poddisruptionbudgets", List.of("pdb")), Map.entry("networkpolicies", List.of("netpol")),
            Map.entry("storageclasses", List.of("sc")), Map.entry("priorityclasses", List.of("pc")),
            Map.entry("replicationcontrollers", List.of("rc")), Map.entry("limitranges", List.of("limits")),
            Map.entry("resourcequotas", List.of("quota")), Map.entry("certificatesigningrequests", List.of("csr")),
            Map.entry("componentstatuses", List.of("cs")));
    private static final Set<String> CATEGORY_ALL = Set.of("pods", "services", "replicationcontrollers", "deployments",
            "replicasets", "statefulsets", "daemonsets", "jobs", "cronjobs", "horizontalpodautoscalers");

    private final List<ResourceType> builtins;
    private final List<ResourceType> custom = new CopyOnWriteArrayList<>();
    private final Map<String, ResourceType> byGroupVersionPlural = new ConcurrentHashMap<>();

    private ApiCatalog(List<ResourceType> builtins) {
        this.builtins = List.copyOf(builtins);
        builtins.forEach(this::index);
    }

    /** The built-in Kubernetes 1.34 resources. */
    public static ApiCatalog kubernetes() {
        List<ResourceType> types = new ArrayList<>();
        try (InputStream in = ApiCatalog.class.getResourceAsStream("api-resources.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" ");
                String group = f[0].equals("-") ? "" : f[0];
                String plural = f[3];
                types.add(new ResourceType(group, f[1], f[2], plural, f[4].equals("Namespaced"), set(f[5]),
                        f[6].equals("-") ? Set.of() : set(f[6]), SHORT_NAMES.getOrDefault(plural, List.of()),
                        CATEGORY_ALL.contains(plural) ? List.of("all") : List.of()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ApiCatalog(types);
    }

    private static Set<String> set(String csv) {
        return new TreeSet<>(Arrays.asList(csv.split(",")));
    }

    private void index(ResourceType type) {
        byGroupVersionPlural.put(type.group() + "/" + type.version() + "/" + type.plural(), type);
    }

    /** Registers (or replaces) a kind served because a CustomResourceDefinition says so. */
    public void register(ResourceType type) {
        custom.removeIf(t -> t.group().equals(type.group()) && t.version().equals(type.version()) && t.plural().equals(type.plural()));
        custom.add(type);
        index(type);
    }

    /** Stops serving a custom kind (its CRD was deleted). */
    public void unregister(String group, String plural) {
        custom.removeIf(t -> {
            boolean gone = t.group().equals(group) && t.plural().equals(plural);
            if (gone) {
                byGroupVersionPlural.remove(t.group() + "/" + t.version() + "/" + t.plural());
            }
            return gone;
        });
    }

    /** Whether a CustomResourceDefinition serves this kind (custom resources differ: no strategic merge patch, ...). */
    public boolean isCustom(ResourceType type) {
        return custom.contains(type);
    }

    public Optional<ResourceType> byPlural(String group, String version, String plural) {
        return Optional.ofNullable(byGroupVersionPlural.get(group + "/" + version + "/" + plural));
    }

    public Optional<ResourceType> byKind(String apiVersion, String kind) {
        return all().stream().filter(t -> t.apiVersion().equals(apiVersion) && t.kind().equals(kind)).findFirst();
    }

    public List<ResourceType> all() {
        List<ResourceType> all = new ArrayList<>(builtins);
        all.addAll(custom);
        return all;
    }

    /** Group versions in serving order: the core group first, then groups by name. */
    public Set<String> groupVersions() {
        Set<String> result = new LinkedHashSet<>();
        all().stream().map(ResourceType::apiVersion).sorted((a, b) -> {
            boolean ac = !a.contains("/");
            boolean bc = !b.contains("/");
            return ac != bc ? (ac ? -1 : 1) : a.compareTo(b);
        }).forEach(result::add);
        return result;
    }
}
