package io.mooring.web.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationErrorResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.javalin.http.Context;
import io.mooring.web.ApiException;
import io.mooring.web.Redirect;
import io.mooring.web.Routes;
import io.mooring.web.WebFeature;
import io.mooring.web.WebSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sign-in with any OpenID Connect provider (Keycloak, Dex, Okta, Entra ID, Google...): the
 * authorization code flow with PKCE (S256), a state bound to the browser and a nonce, the ID token
 * validated against the provider's published keys, issuer and audience (Nimbus OAuth 2.0 SDK does
 * the protocol). The user's groups (the {@code groups} claim, or the one configured) give the role
 * through the settings' {@code oidcGroupRoles}; no mapped group, no sign-in.
 */
public final class OidcLogin implements WebFeature {
    private static final Logger LOG = LoggerFactory.getLogger(OidcLogin.class);
    private static final Duration PENDING_LIFETIME = Duration.ofMinutes(10);
    private static final int PENDING_LIMIT = 10_000;

    private final WebSettings.OidcSettings settings;
    private final URI publicUrl;
    private final AccessSettings accessSettings;
    private final AccessControl access;
    private final Clock clock;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private volatile Provider provider;

    /** A sign-in on its way through the provider. */
    private record Pending(String browser, Nonce nonce, CodeVerifier verifier, URI redirectUri, String next, Instant expires) {
    }

    private record Provider(OIDCProviderMetadata metadata, IDTokenValidator validator) {
    }

    /** @param publicUrl where people reach the server (the redirect URI is below it); null: the URL each request was sent to */
    public OidcLogin(WebSettings.OidcSettings settings, URI publicUrl, AccessSettings accessSettings, AccessControl access, Clock clock) {
        this.settings = settings;
        this.publicUrl = publicUrl;
        this.accessSettings = accessSettings;
        this.access = access;
        this.clock = clock;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/auth/oidc/login", Action.SIGN_IN, this::start);
        routes.get("/auth/oidc/callback", Action.SIGN_IN, this::callback);
    }

    private void start(Context ctx) {
        Provider provider = provider();
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        forgetExpired();
        if (pending.size() >= PENDING_LIMIT) {
            throw new ApiException(503, "too many sign-ins in progress", "try again in a few minutes");
        }
        URI redirectUri = (publicUrl != null ? publicUrl : URI.create(ctx.scheme() + "://" + ctx.host())).resolve("/auth/oidc/callback");
        pending.put(state.getValue(), new Pending(AccessControl.browserId(ctx), nonce, verifier, redirectUri,
                LoginRoutes.safeNext(ctx.queryParam("next")), clock.instant().plus(PENDING_LIFETIME)));
        AuthenticationRequest request = new AuthenticationRequest.Builder(new ResponseType(ResponseType.Value.CODE),
                new Scope("openid", "profile", "email", "groups"), new ClientID(settings.clientId()), redirectUri)
                .endpointURI(provider.metadata().getAuthorizationEndpointURI())
                .state(state).nonce(nonce).codeChallenge(verifier, CodeChallengeMethod.S256).build();
        throw new Redirect(request.toURI().toString());
    }

    private void callback(Context ctx) {
        Provider provider = provider();
        AuthenticationResponse response;
        try {
            response = AuthenticationResponseParser.parse(URI.create(ctx.fullUrl()));
        } catch (ParseException e) {
            throw ApiException.badRequest("the provider's answer cannot be read: " + e.getMessage(), "start the sign-in again at /login");
        }
        Pending started = response.getState() == null ? null : pending.remove(response.getState().getValue());
        if (started == null || started.expires().isBefore(clock.instant()) || !started.browser().equals(AccessControl.browserId(ctx))) {
            throw ApiException.badRequest("this sign-in is unknown, expired or was started in another browser", "start it again at /login");
        }
        if (response instanceof AuthenticationErrorResponse error) {
            ErrorObject object = error.getErrorObject();
            refuse(ctx, "the provider refused the sign-in: " + object.getCode() + (object.getDescription() == null ? "" : " (" + object.getDescription() + ")"),
                    "check the client's settings at the provider");
        }
        AuthorizationCode code = ((AuthenticationSuccessResponse) response).getAuthorizationCode();
        IDTokenClaimsSet claims = exchange(provider, code, started);
        String name = Optional.ofNullable(claims.getStringClaim("preferred_username")).or(() -> Optional.ofNullable(claims.getStringClaim("email")))
                .orElse(claims.getSubject().getValue());
        ctx.attribute(AccessControl.AUDIT_ACTOR, "oidc:" + name);
        List<String> groups = Optional.ofNullable(claims.getStringListClaim(settings.groupsClaim())).orElse(List.of());
        Role role = GroupRoles.roleFor(groups, accessSettings.groupRoles()).orElseGet(() -> {
            refuse(ctx, name + " has no role in Mooring: none of the groups " + groups + " is mapped to one",
                    "an admin maps groups to roles in the settings (PUT /api/v1/settings, oidcGroupRoles)");
            return null;
        });
        access.signIn(ctx, new Principal(name, Principal.Kind.OIDC, role, false), 0);
        access.record(ctx, Action.SIGN_IN, "success", "OIDC, groups " + groups + ", role " + role);
        throw new Redirect(started.next());
    }

    private IDTokenClaimsSet exchange(Provider provider, AuthorizationCode code, Pending started) {
        AuthorizationCodeGrant grant = new AuthorizationCodeGrant(code, started.redirectUri(), started.verifier());
        URI endpoint = provider.metadata().getTokenEndpointURI();
        TokenRequest request = settings.clientSecret() == null
                ? new TokenRequest(endpoint, new ClientID(settings.clientId()), grant)
                : new TokenRequest(endpoint, new ClientSecretBasic(new ClientID(settings.clientId()), new Secret(settings.clientSecret())), grant);
        try {
            var answer = OIDCTokenResponseParser.parse(request.toHTTPRequest().send());
            if (!answer.indicatesSuccess()) {
                ErrorObject error = answer.toErrorResponse().getErrorObject();
                throw new ApiException(502, "the provider refused the code: " + error.getCode() + (error.getDescription() == null ? ""
                        : " (" + error.getDescription() + ")"), "check the client id and secret; start the sign-in again at /login");
            }
            JWT idToken = ((OIDCTokenResponse) answer.toSuccessResponse()).getOIDCTokens().getIDToken();
            return provider.validator().validate(idToken, started.nonce());
        } catch (IOException e) {
            throw new ApiException(502, "cannot reach the provider's token endpoint " + endpoint + ": " + e.getMessage(), "check the network");
        } catch (ParseException e) {
            throw new ApiException(502, "the provider's token answer cannot be read: " + e.getMessage(), null);
        } catch (com.nimbusds.jose.JOSEException | com.nimbusds.jose.proc.BadJOSEException e) {
            throw new ApiException(401, "the ID token is not valid: " + e.getMessage(), "start the sign-in again at /login");
        }
    }

    private void refuse(Context ctx, String message, String hint) {
        access.record(ctx, Action.SIGN_IN, "denied", message);
        throw new ApiException(403, message, hint);
    }

    /** The provider's metadata and keys, read at the first sign-in (and again after a failure). */
    private Provider provider() {
        Provider known = provider;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (provider == null) {
                try {
                    OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(new Issuer(settings.issuer()));
                    // Whichever of its advertised signature algorithms the provider signs with, by a
                    // key of its published set; never "none" nor a shared secret (HS*).
                    Set<JWSAlgorithm> algorithms = new HashSet<>(metadata.getIDTokenJWSAlgs() == null ? List.of(JWSAlgorithm.RS256)
                            : metadata.getIDTokenJWSAlgs());
                    algorithms.retainAll(JWSAlgorithm.Family.SIGNATURE);
                    if (algorithms.isEmpty()) {
                        algorithms.add(JWSAlgorithm.RS256);
                    }
                    JWKSource<SecurityContext> keys = JWKSourceBuilder.create(metadata.getJWKSetURI().toURL()).retrying(true).build();
                    provider = new Provider(metadata, new IDTokenValidator(metadata.getIssuer(), new ClientID(settings.clientId()),
                            new JWSVerificationKeySelector<>(algorithms, keys), null));
                } catch (IOException | com.nimbusds.oauth2.sdk.GeneralException e) {
                    LOG.warn("cannot read the OIDC provider's metadata at {}: {}", settings.issuer(), e.getMessage());
                    throw new ApiException(502, "cannot reach the OIDC provider " + settings.issuer() + ": " + e.getMessage(),
                            "check --oidc-issuer and the network; local accounts still sign in at /login");
                }
            }
            return provider;
        }
    }

    private void forgetExpired() {
        Instant now = clock.instant();
        pending.values().removeIf(p -> p.expires().isBefore(now));
    }
}
