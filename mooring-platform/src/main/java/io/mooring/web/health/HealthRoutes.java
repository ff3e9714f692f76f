package io.mooring.web.health;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.web.Routes;
import io.mooring.web.WebFeature;
import io.mooring.web.auth.Action;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * {@code /healthz}: the process serves requests. {@code /readyz}: every check passes (the
 * controller has listed the cluster, the server's state is loaded...): 200, or 503 naming what is
 * not ready yet, as Kubernetes' own endpoints answer.
 */
public record HealthRoutes(List<Check> checks) implements WebFeature {
    /** One thing that must be true to serve. */
    public record Check(String name, BooleanSupplier ready) {
    }

    @Override
    public void register(Routes routes) {
        routes.get("/healthz", Action.PUBLIC, ctx -> ctx.contentType("text/plain").result("ok"));
        routes.get("/readyz", Action.PUBLIC, ctx -> {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            ObjectNode results = body.putObject("checks");
            boolean ready = true;
            for (Check check : checks) {
                boolean ok;
                try {
                    ok = check.ready().getAsBoolean();
                } catch (RuntimeException e) {
                    ok = false;
                }
                results.put(check.name(), ok ? "ok" : "not ready");
                ready &= ok;
            }
            body.put("ready", ready);
            ctx.status(ready ? 200 : 503).contentType("application/json").result(body.toString());
        });
    }
}
