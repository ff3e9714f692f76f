package io.mooring.web.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.mooring.web.ApiException;
import io.mooring.web.Routes;
import io.mooring.web.WebFeature;
import io.mooring.web.api.Json;
import io.mooring.web.auth.Action;
import io.mooring.web.metrics.MicrometerMetrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@code POST /api/v1/webhooks/github|gitlab|gitea}: push events from Git hosts. A delivery is
 * checked in this order: its size (at most the configured limit, 413 otherwise, read no further),
 * its signature (401), its event (anything but a push is acknowledged and ignored), then queued
 * (202; 503 when the queue is full). Which Applications it refreshes is decided off the request.
 */
public final class WebhookRoutes implements WebFeature {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookSecrets secrets;
    private final RefreshQueue queue;
    private final MicrometerMetrics metrics;
    private final int bodyLimit;

    public WebhookRoutes(WebhookSecrets secrets, RefreshQueue queue, MicrometerMetrics metrics, int bodyLimit) {
        this.secrets = secrets;
        this.queue = queue;
        this.metrics = metrics;
        this.bodyLimit = bodyLimit;
    }

    @Override
    public void register(Routes routes) {
        for (String provider : WebhookSecrets.PROVIDERS) {
            routes.post("/api/v1/webhooks/" + provider, Action.WEBHOOK, ctx -> deliver(ctx, provider));
        }
    }

    private void deliver(Context ctx, String provider) {
        byte[] body;
        try {
            body = read(ctx);
        } catch (ApiException e) {
            metrics.webhookDelivered(provider, "too_large");
            throw e;
        }
        String secret = secrets.secret(provider);
        boolean signed = switch (provider) {
            case "github" -> WebhookSignatures.github(body, ctx.header("X-Hub-Signature-256"), secret);
            case "gitlab" -> WebhookSignatures.gitlab(ctx.header("X-Gitlab-Token"), secret);
            default -> WebhookSignatures.gitea(body, ctx.header("X-Gitea-Signature"), secret);
        };
        if (!signed) {
            metrics.webhookDelivered(provider, "rejected");
            throw new ApiException(401, "the " + provider + " delivery is not signed with Mooring's webhook secret",
                    "set the webhook's secret to key '" + provider + "' of Secret " + WebhookSecrets.SECRET + " (GitHub: content type "
                            + "application/json, SHA-256 signature)");
        }
        String event = switch (provider) {
            case "github" -> ctx.header("X-GitHub-Event");
            case "gitlab" -> ctx.header("X-Gitlab-Event");
            default -> ctx.header("X-Gitea-Event");
        };
        if (!isPush(provider, event)) {
            metrics.webhookDelivered(provider, "ignored");
            Json.send(ctx, 200, Json.object().put("message", "event '" + event + "' ignored: only pushes refresh Applications"));
            return;
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(body);
        } catch (IOException e) {
            metrics.webhookDelivered(provider, "rejected");
            throw ApiException.badRequest("the push payload is not JSON: " + e.getMessage(), "set the webhook's content type to application/json");
        }
        PushEvent push = switch (provider) {
            case "github" -> PushEvents.github(payload);
            case "gitlab" -> PushEvents.gitlab(payload);
            default -> PushEvents.gitea(payload);
        };
        if (!queue.offer(push)) {
            metrics.webhookDelivered(provider, "overloaded");
            ctx.header("Retry-After", "10");
            throw new ApiException(503, "too many webhook deliveries are waiting", "the host retries later; the controller's poll catches up meanwhile");
        }
        metrics.webhookDelivered(provider, "queued");
        Json.send(ctx, 202, Json.object().put("message", "push to " + push.ref() + " queued: the Applications it concerns are refreshed"));
    }

    static boolean isPush(String provider, String event) {
        return switch (provider) {
            case "github", "gitea" -> "push".equals(event);
            default -> "Push Hook".equals(event) || "Tag Push Hook".equals(event);
        };
    }

    /** The body, read no further than the limit. */
    private byte[] read(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > bodyLimit) {
            throw tooLarge();
        }
        try (InputStream in = ctx.bodyInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (out.size() + n > bodyLimit) {
                    throw tooLarge();
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw ApiException.badRequest("the delivery's body could not be read: " + e.getMessage(), null);
        }
    }

    private ApiException tooLarge() {
        return new ApiException(413, "the delivery is larger than " + bodyLimit + " bytes", "raise the limit or send fewer commits per push");
    }
}
