package io.mooring.git;

import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real repositories on disk, reached by path and by file:// URL. */
class GitRepositoriesTest {
    @TempDir
    Path temp;
    Path origin;
    Git git;
    GitRepositories repositories;

    @BeforeEach
    void setUp() throws Exception {
        origin = temp.resolve("origin");
        git = Git.init().setDirectory(origin.toFile()).setInitialBranch("main").call();
        repositories = new GitRepositories(temp.resolve("cache"));
    }

    private String commit(String path, String content, String message) throws Exception {
        Path file = origin.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        git.add().addFilepattern(".").call();
        return git.commit().setMessage(message).setAuthor("Ada", "ada@example.org").setCommitter("Ada", "ada@example.org").call().getName();
    }

    @Test
    void resolvesBranchTagCommitAndDefaultBranch() throws Exception {
        String first = commit("apps/a.yaml", "a: 1\n", "first");
        git.tag().setName("v1").call();
        String second = commit("apps/a.yaml", "a: 2\n", "second\n\nbody");

        String url = origin.toUri().toString();
        assertThat(repositories.resolve(url, "main").sha()).isEqualTo(second);
        assertThat(repositories.resolve(url, "").sha()).isEqualTo(second);
        assertThat(repositories.resolve(url, "v1").sha()).isEqualTo(first);
        assertThat(repositories.resolve(url, first).sha()).isEqualTo(first);
        assertThat(repositories.resolve(url, first.substring(0, 10)).sha()).isEqualTo(first);
        Commit head = repositories.resolve(origin.toString(), "main");
        assertThat(head.message()).isEqualTo("second");
        assertThat(head.author()).isEqualTo("Ada <ada@example.org>");
        assertThat(repositories.refs(url)).contains("main", "v1");
    }

    @Test
    void checksOutEachCommitOnceAndListsChangedPaths() throws Exception {
        String first = commit("apps/a.yaml", "a: 1\n", "first");
        commit("apps/b.yaml", "b: 1\n", "b");
        String third = commit("other/c.yaml", "c: 1\n", "c");
        String url = origin.toString();
        repositories.resolve(url, "main");

        Path tree = repositories.checkout(url, first);
        assertThat(tree.resolve("apps/a.yaml")).hasContent("a: 1");
        assertThat(tree.resolve("apps/b.yaml")).doesNotExist();
        assertThat(repositories.checkout(url, first)).isEqualTo(tree);
        assertThat(repositories.checkout(url, third).resolve("other/c.yaml")).exists();
        assertThat(repositories.changedPaths(url, first, third)).containsExactlyInAnyOrder("apps/b.yaml", "other/c.yaml");
    }

    @Test
    void checksOutOnlyThePathsAskedForAndAddsMoreLater() throws Exception {
        commit("apps/a/x.yaml", "x: 1\n", "a");
        String sha = commit("apps/b/y.yaml", "y: 1\n", "b");
        String url = origin.toString();
        repositories.resolve(url, "main");

        Path tree = repositories.checkout(url, sha, java.util.Set.of("apps/a"));
        assertThat(tree.resolve("apps/a/x.yaml")).exists();
        assertThat(tree.resolve("apps/b")).as("not asked for").doesNotExist();
        assertThat(repositories.checkout(url, sha, java.util.Set.of("apps/b"))).isEqualTo(tree);
        assertThat(tree.resolve("apps/b/y.yaml")).hasContent("y: 1");
        assertThat(tree.resolve("apps/a/x.yaml")).hasContent("x: 1");
    }

    @Test
    void followsForcePushesAndReportsDeletedBranches() throws Exception {
        commit("a.yaml", "a: 1\n", "first");
        git.branchCreate().setName("feature").call();
        git.checkout().setName("feature").call();
        String feature = commit("a.yaml", "a: 2\n", "feature");
        String url = origin.toString();
        assertThat(repositories.resolve(url, "feature").sha()).isEqualTo(feature);

        git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).setRef("HEAD~1").call();
        String rewritten = commit("a.yaml", "a: 3\n", "rewritten");
        assertThat(repositories.resolve(url, "feature").sha()).isEqualTo(rewritten);

        git.checkout().setName("main").call();
        git.branchDelete().setBranchNames("feature").setForce(true).call();
        assertThatThrownBy(() -> repositories.resolve(url, "feature"))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("revision 'feature' not found")
                .satisfies(e -> assertThat(((GitException) e).hint()).contains("last synced revision"));
    }

    @Test
    void unreachableRepositoryIsAClearError() {
        assertThatThrownBy(() -> repositories.resolve(temp.resolve("nowhere").toString(), "main"))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("nowhere");
        assertThatThrownBy(() -> repositories.resolve("http://127.0.0.1:9/repo.git", "main"))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("cannot reach http://127.0.0.1:9/repo.git");
    }
}
