package io.mooring.sandbox.junit;

import io.mooring.sandbox.Sandbox;
import io.mooring.sandbox.SandboxOptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts a sandbox per test class (see {@link SandboxTest}) and injects it, or a fabric8 client
 * connected to it, as a parameter. Both live in the class's extension store, so JUnit closes them
 * when the class is done, and nested classes find their enclosing class's cluster there.
 * fabric8 is not a dependency of the sandbox: a client is only made when a parameter asks for one,
 * which it can only do when fabric8 is on the class path.
 */
public final class SandboxExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SandboxExtension.class);
    static final String FABRIC8_CLIENT = "io.fabric8.kubernetes.client.KubernetesClient";

    @Override
    public void beforeAll(ExtensionContext context) {
        sandbox(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Sandbox.class || type.getName().equals(FABRIC8_CLIENT);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() == Sandbox.class) {
            return sandbox(context);
        }
        Sandbox sandbox = sandbox(context);
        return classContext(context).getStore(NAMESPACE)
                .getOrComputeIfAbsent(Fabric8Client.class, k -> Fabric8Client.connect(sandbox), Fabric8Client.class)
                .client();
    }

    private static Sandbox sandbox(ExtensionContext context) {
        ExtensionContext owner = classContext(context);
        return owner.getStore(NAMESPACE)
                .getOrComputeIfAbsent(Started.class, k -> new Started(Sandbox.start(options(owner))), Started.class)
                .sandbox();
    }

    /** The context of the test class: a method's parameters share the class's cluster. */
    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    /** The options of the closest {@link SandboxTest}, looking outwards from nested classes. */
    private static SandboxOptions options(ExtensionContext context) {
        for (Class<?> type = context.getRequiredTestClass(); type != null; type = type.getEnclosingClass()) {
            var annotation = AnnotationSupport.findAnnotation(type, SandboxTest.class);
            if (annotation.isPresent()) {
                return SandboxOptions.defaults().withNodes(annotation.get().nodes());
            }
        }
        return SandboxOptions.defaults();
    }

    /** A started sandbox, closed by JUnit with the class's store. */
    private record Started(Sandbox sandbox) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            sandbox.close();
        }
    }
}
