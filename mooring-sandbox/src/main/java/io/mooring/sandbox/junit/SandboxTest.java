package io.mooring.sandbox.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class that runs against its own sandbox: one fresh cluster for the class (its
 * {@code @Nested} classes share it), started before the first test and stopped after the last.
 * Test methods, lifecycle methods and constructors take it as a parameter: a
 * {@link io.mooring.sandbox.Sandbox}, or a fabric8 {@code KubernetesClient} connected through the
 * sandbox's kubeconfig when fabric8 is on the test class path.
 *
 * <pre>{@code
 * @SandboxTest
 * class DeployTest {
 *     @Test
 *     void createsTheConfigMap(KubernetesClient client) { ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(SandboxExtension.class)
public @interface SandboxTest {
    /** How many simulated nodes the cluster starts with. */
    int nodes() default 3;
}
