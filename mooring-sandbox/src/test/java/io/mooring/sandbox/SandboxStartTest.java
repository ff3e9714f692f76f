package io.mooring.sandbox;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SandboxStartTest {
    @Test
    void aPortInUseIsRefusedWithWhatToDo() {
        try (Sandbox first = Sandbox.start(SandboxOptions.defaults())) {
            assertThatThrownBy(() -> Sandbox.start(SandboxOptions.defaults().withPort(first.port())))
                    .isInstanceOf(SandboxException.class)
                    .hasMessage("port " + first.port() + " on 127.0.0.1 is in use: choose another port, or 0 for a free one");
        }
    }

    @Test
    void theKubeconfigPointsAtTheServer() {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
            assertThat(sandbox.url()).isEqualTo("http://127.0.0.1:" + sandbox.port());
            assertThat(sandbox.kubeconfig()).content()
                    .contains("server: " + sandbox.url(), "current-context: mooring-sandbox");
        }
    }
}
