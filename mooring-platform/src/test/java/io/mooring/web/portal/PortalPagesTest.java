package io.mooring.web.portal;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.web.Http;
import io.mooring.web.auth.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The portal's pages over HTTP against the sandbox, as a browser without JavaScript sees them:
 * the overview, an Application's page (tree, history, diff with Secret values masked), sync and
 * rollback through forms with the CSRF token and only for operators, environments side by side,
 * policies from the status, the audit log for admins, and the live stream.
 */
@ExtendWith(PortalFixture.Extension.class)
class PortalPagesTest {
    static PortalFixture fixture;

    @BeforeAll
    static void awaitCompared(PortalFixture portal) {
        fixture = portal;
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            String page = fixture.as(Role.VIEWER).get("/").body();
            assertThat(row(page, "shop-dev")).as("shop-dev synced and healthy: " + page).contains(">Synced<", ">Healthy<");
            assertThat(row(page, "shop-prod")).as("shop-prod compared").contains(">OutOfSync<");
            assertThat(row(page, "tools")).as("tools compared").contains(">OutOfSync<");
        });
    }

    /** The overview's table row of one Application. */
    static String row(String page, String app) {
        Matcher matcher = Pattern.compile("<tr[^>]*data-app=\"" + app + "\".*?</tr>", Pattern.DOTALL).matcher(page);
        return matcher.find() ? matcher.group() : "";
    }

    @Test
    void theOverviewShowsEachApplicationWithSyncAndHealthBadgesInColourAndText() {
        Http.Response overview = fixture.as(Role.VIEWER).get("/");
        assertThat(overview.status()).isEqualTo(200);
        assertThat(overview.header("Content-Type")).startsWith("text/html");
        assertThat(row(overview.body(), "shop-dev")).as("a badge has a colour class and a word")
                .contains("class=\"badge tone-ok\"", ">Synced<", ">Healthy<", "href=\"/applications/mooring/shop-dev\"", ">auto<");
        assertThat(row(overview.body(), "shop-prod")).contains("class=\"badge tone-warn\"", ">OutOfSync<", ">never<");
        assertThat(row(overview.body(), "guarded")).as("a failing source shows its condition").contains("SourceError", ">Unknown<");
        assertThat(overview.body()).contains("<strong>4</strong> applications").contains("Sign out", "title=\"Signed in as token:portal-viewer\"");
    }

    @Test
    void theOverviewFiltersByEnvironmentStateAndName() {
        String prod = fixture.as(Role.VIEWER).get("/?environment=prod").body();
        assertThat(row(prod, "shop-prod")).isNotEmpty();
        assertThat(row(prod, "shop-dev")).as("dev filtered out").isEmpty();
        String attention = fixture.as(Role.VIEWER).get("/?state=attention").body();
        assertThat(row(attention, "shop-dev")).as("synced and healthy needs no attention").isEmpty();
        assertThat(row(attention, "guarded")).isNotEmpty();
        String named = fixture.as(Role.VIEWER).get("/?q=TOO").body();
        assertThat(row(named, "tools")).isNotEmpty();
        assertThat(row(named, "shop-prod")).isEmpty();
        assertThat(fixture.as(Role.VIEWER).get("/?q=nothing-like-it").body()).contains("No Application matches the filter.");
    }

    @Test
    void thePagesScriptsAndStylesAreServedToAnyoneAndKeptByBrowsers() {
        String login = fixture.browser().get("/login").body();
        for (String asset : new String[]{Assets.CSS, Assets.JS, Assets.HTMX}) {
            assertThat(login).as("the layout loads " + asset).contains("\"" + asset + "\"");
            Http.Response answer = fixture.browser().get(asset);
            assertThat(answer.status()).as(asset).isEqualTo(200);
            assertThat(answer.header("Cache-Control")).contains("immutable");
            assertThat(answer.body()).isNotBlank();
        }
        assertThat(fixture.browser().get(Assets.HTMX).body()).as("htmx itself, from its WebJar").contains("htmx");
        assertThat(fixture.browser().get("/assets/x/nothing.js").status()).isEqualTo(404);
    }

    @Test
    void htmxGetsOnlyTheLivePartOfAPage() {
        Http.Response part = fixture.as(Role.VIEWER).send("GET", "/?environment=dev", null, null, Map.of("HX-Request", "true"));
        assertThat(part.status()).isEqualTo(200);
        assertThat(part.body()).as("no layout around the part").doesNotContain("<html", "<header").startsWith("<div id=\"live\"")
                .contains("hx-get=\"/?environment=dev\"", "data-live=\"/live\"");
    }

    @Test
    void anApplicationsPageShowsItsResourceTreeFactsAndNoButtonsForViewers() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String page = fixture.as(Role.VIEWER).get("/applications/mooring/shop-dev").body();
            assertThat(page).as("the Deployment, and what the cluster made for it").contains(">Deployment</span> shop", ">ReplicaSet</span> shop-",
                    ">Pod</span> shop-");
        });
        String page = fixture.as(Role.VIEWER).get("/applications/mooring/shop-dev").body();
        assertThat(page).contains("syncs automatically", "apps/shop/dev", "data-live=\"/live?application=mooring/shop-dev\"");
        assertThat(page).as("a viewer gets no buttons").doesNotContain("/sync\"", "/refresh\"", "/rollback\"");
        assertThat(fixture.as(Role.OPERATOR).get("/applications/mooring/shop-dev").body()).contains("action=\"/applications/mooring/shop-dev/sync\"");
        Http.Response missing = fixture.as(Role.VIEWER).get("/applications/mooring/nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("<html", "not found");
    }

    @Test
    void theDiffShowsWhatASyncWouldChangeWithSecretValuesMasked() {
        Http.Response diff = fixture.as(Role.VIEWER).send("GET", "/applications/mooring/tools/diff", null, null, Map.of("HX-Request", "true"));
        assertThat(diff.status()).isEqualTo(200);
        assertThat(diff.body()).contains("/Secret/tools/tools-secret", "/ConfigMap/tools/tools-config", "class=\"add\"", "to create")
                .doesNotContain(secretBase64(), PortalFixture.SECRET_VALUE).doesNotContain("<html");
        assertThat(fixture.as(Role.VIEWER).get("/applications/mooring/tools/diff").body()).as("the page without JavaScript")
                .contains("<html", "Diff of tools against Git");
        assertThat(fixture.as(Role.VIEWER).get("/applications/mooring/guarded/diff").body()).contains("Cannot compare with Git");
    }

    private static String secretBase64() {
        return java.util.Base64.getEncoder().encodeToString(PortalFixture.SECRET_VALUE.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anOperatorSyncsWithTheFormAndItsCsrfTokenAndTheSyncIsAudited() throws Exception {
        Http browser = signedIn("portal-op", "operator");
        String page = browser.get("/applications/mooring/tools").body();
        assertThat(page).contains("action=\"/applications/mooring/tools/sync\"");
        assertThat(browser.form("/applications/mooring/tools/sync", Map.of()).status()).as("no CSRF token").isEqualTo(403);
        Http.Response started = browser.form("/applications/mooring/tools/sync", Map.of("_csrf", Http.csrfOf(page)));
        assertThat(started.status()).as(started.toString()).isEqualTo(302);
        assertThat(started.header("Location")).startsWith("/applications/mooring/tools?operation=");
        String operation = started.header("Location").substring(started.header("Location").indexOf('=') + 1);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(browser.get("/operations/" + operation).body())
                .as("the operation's panel").contains(">Succeeded<").doesNotContain("every 1s"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String after = browser.get(started.header("Location")).body();
            assertThat(badge(after, "sync-status")).isEqualTo("ok Synced");
            assertThat(after).as("history names the portal and the user").contains("portal:local:portal-op");
        });
        JsonNode audit = fixture.as(Role.ADMIN).get("/api/v1/audit?actor=local:portal-op&action=SYNC").json().path("items");
        assertThat(audit.findValuesAsText("target")).contains("POST /applications/mooring/tools/sync");
        assertThat(audit.findValuesAsText("result")).as(audit.toString()).contains("denied", "success", "Succeeded");
        assertThat(audit.findValuesAsText("detail")).anySatisfy(d -> assertThat(d).contains("operation " + operation));
        String shown = audit + fixture.as(Role.ADMIN).get("/audit").body() + browser.get(started.header("Location")).body()
                + browser.get("/operations/" + operation).body();
        assertThat(shown).as("the synced Secret's value in no page, operation panel or audit entry")
                .doesNotContain(PortalFixture.SECRET_VALUE, secretBase64());
    }

    @Test
    void rollbackIsRefusedWhileAnApplicationSyncsAutomatically() {
        Http browser = signedIn("portal-op2", "operator");
        String csrf = Http.csrfOf(browser.get("/applications/mooring/shop-dev").body());
        Http.Response refused = browser.form("/applications/mooring/shop-dev/rollback", Map.of("_csrf", csrf, "id", "1"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("<html", "syncs automatically");
        assertThat(browser.form("/applications/mooring/shop-dev/rollback", Map.of("_csrf", csrf, "id", "x")).status()).isEqualTo(400);
        assertThat(fixture.as(Role.VIEWER).json("POST", "/applications/mooring/tools/sync", "{}").status()).as("a viewer").isEqualTo(403);
    }

    @Test
    void environmentsShowWhichImageOfEachServiceRunsWhere() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String page = fixture.as(Role.VIEWER).get("/environments").body();
            assertThat(page).contains("<th title=\"Every merge\">dev", "What users see", "<th scope=\"row\">shop</th>")
                    .contains("title=\"registry.example.com/shop/shop:1.1\">shop:1.1</div>");
            assertThat(page).as("tools names no environment").contains("In no environment: <a href=\"/applications/mooring/tools\">tools</a>");
        });
    }

    @Test
    void policiesShowWhatTheStatusHoldsAndNothingWhereItHoldsNothing() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            fixture.writePolicyVerdict();
            String page = fixture.as(Role.VIEWER).get("/policies").body();
            assertThat(page).contains("id=\"guarded\"", ">Blocked<", "disallow-latest-tag", "require-image-tag", "Deployment/guarded/api",
                    "apps/guarded/deployment.yaml:3", "an image tag is required", "CPU and memory requests are required", "policies at 1a2b3c4");
            assertThat(page).as("the others have no policy field: counted, not shown").contains("3 more Applications have no policy verdict");
            assertThat(row(fixture.as(Role.VIEWER).get("/").body(), "guarded")).contains("policy Blocked", "PolicyViolation");
        });
        assertThat(fixture.as(Role.VIEWER).get("/applications/mooring/guarded").body()).contains("6 policies, 1 blocking, 1 warnings");
    }

    @Test
    void theAuditLogIsForAdmins() {
        fixture.as(Role.OPERATOR).json("POST", "/api/v1/applications/mooring/shop-prod/refresh", null);
        Http.Response forbidden = fixture.as(Role.OPERATOR).get("/audit");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.body()).contains("ask an admin for the admin role");
        assertThat(fixture.as(Role.OPERATOR).get("/").body()).as("no Audit link for an operator").doesNotContain("href=\"/audit\"");
        String audit = fixture.as(Role.ADMIN).get("/audit?action=REFRESH").body();
        assertThat(audit).contains("href=\"/audit\"", "token:portal-operator", "POST /api/v1/applications/mooring/shop-prod/refresh");
    }

    @Test
    void theLiveStreamTellsAPageThatItsApplicationChanged() throws Exception {
        assertThat(fixture.as(Role.VIEWER).get("/live").status()).as("not an EventSource").isEqualTo(406);
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(fixture.url().resolve("/live?application=mooring/shop-prod"))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + fixture.token(Role.VIEWER)).build();
        HttpResponse<InputStream> stream = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            CompletableFuture<String> event = CompletableFuture.supplyAsync(() -> {
                try {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        if (line.startsWith("event: changed")) {
                            return line + " " + lines.readLine();
                        }
                    }
                    return "closed";
                } catch (java.io.IOException e) {
                    return e.toString();
                }
            });
            Thread.sleep(300);
            fixture.as(Role.OPERATOR).json("POST", "/api/v1/applications/mooring/tools/refresh", null); // another Application: not told
            fixture.as(Role.OPERATOR).json("POST", "/api/v1/applications/mooring/shop-prod/refresh", null);
            assertThat(event.get(20, TimeUnit.SECONDS)).isEqualTo("event: changed data: mooring/shop-prod");
        }
    }

    /** The tone and word of the badge inside the element {@code id}: {@code "ok Synced"}. */
    static String badge(String page, String id) {
        Matcher matcher = Pattern.compile("id=\"" + id + "\">\\s*<span class=\"badge tone-(\\w+)\"[^>]*>(\\w+)<").matcher(page);
        return matcher.find() ? matcher.group(1) + " " + matcher.group(2) : "no badge " + id;
    }

    /** A browser signed in as a new local user with its own password. */
    static Http signedIn(String user, String role) {
        String password = "a long password for " + user;
        assertThat(fixture.as(Role.ADMIN).json("POST", "/api/v1/users", "{\"name\": \"" + user + "\", \"role\": \"" + role + "\", \"password\": \""
                + password + "\"}").status()).isEqualTo(201);
        Http browser = fixture.browser();
        String csrf = Http.csrfOf(browser.get("/login").body());
        assertThat(browser.form("/login", Map.of("_csrf", csrf, "username", user, "password", password)).status()).isEqualTo(302);
        return browser;
    }
}
