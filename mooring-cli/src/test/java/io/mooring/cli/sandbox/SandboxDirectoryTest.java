package io.mooring.cli.sandbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void insideAGitCheckoutTheDefaultIsItsMooringFolder() throws IOException {
        Path checkout = Files.createDirectories(dir.resolve("repo"));
        Files.createDirectories(checkout.resolve(".git"));
        Path deep = Files.createDirectories(checkout.resolve("apps/web"));

        assertThat(SandboxDirectory.defaultPath(deep, dir.resolve("home"))).isEqualTo(checkout.resolve(".mooring/sandbox"));
    }

    @Test
    void aWorktreeCheckoutCountsToo() throws IOException {
        Path worktree = Files.createDirectories(dir.resolve("worktree"));
        Files.writeString(worktree.resolve(".git"), "gitdir: /elsewhere\n");

        assertThat(SandboxDirectory.defaultPath(worktree, dir.resolve("home"))).isEqualTo(worktree.resolve(".mooring/sandbox"));
    }

    @Test
    void outsideACheckoutTheDefaultIsInTheHomeDirectory() {
        assertThat(SandboxDirectory.defaultPath(dir, dir.resolve("home"))).isEqualTo(dir.resolve("home/.mooring/sandbox"));
    }

    @Test
    void aStateDirectoryKeepsTheObjects() {
        SandboxDirectory directory = SandboxDirectory.of(dir.resolve("state"));

        assertThat(directory.persistent()).isTrue();
        assertThat(directory.kubeconfig()).isEqualTo(dir.resolve("state/kubeconfig"));
        assertThat(SandboxDirectory.of(null).persistent()).as("without --state the objects are in memory only").isFalse();
    }
}
