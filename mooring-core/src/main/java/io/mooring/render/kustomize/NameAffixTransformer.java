package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.node.TextNode;

import java.util.List;

/**
 * Adds a prefix or a suffix to names. Even an empty affix is recorded on each object, because name
 * references are later matched by the chain of prefixes and suffixes objects went through.
 * CRDs, APIServices and Namespaces keep their names.
 */
record NameAffixTransformer(String affix, boolean prefix, List<FieldSpec> specs) implements Transformer {
    private static final List<Gvk> SKIPPED = List.of(new Gvk("", "", "CustomResourceDefinition"),
            new Gvk("apiregistration.k8s.io", "", "APIService"), new Gvk("", "", "Namespace"));

    @Override
    public void transform(ResMap resources) {
        for (Resource resource : resources.resources()) {
            ResId id = resource.orgId();
            if (SKIPPED.stream().anyMatch(id.gvk()::isSelectedBy)) {
                continue;
            }
            for (FieldSpec spec : specs) {
                if (!id.gvk().isSelectedBy(spec.gvk())) {
                    continue;
                }
                if (spec.path().equals("metadata/name")) {
                    resource.appendCsvAnnotation(prefix ? Resource.PREFIXES : Resource.SUFFIXES, affix);
                    if (!affix.isEmpty()) {
                        resource.storePreviousId();
                    }
                }
                FieldPaths.apply(resource.object(), spec, FieldPaths.Create.SCALAR, slot -> {
                    String value = Scalars.nodeText(slot.get());
                    slot.set(TextNode.valueOf(prefix ? affix + value : value + affix));
                });
            }
        }
    }
}
