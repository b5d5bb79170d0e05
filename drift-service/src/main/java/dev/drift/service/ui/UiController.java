package dev.drift.service.ui;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.exceptions.HttpStatusException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Serves the operator page ({@code /ui/}): static HTML, JavaScript and CSS that read the public API
 * with the bearer token the operator pastes. The page itself needs no token (the API guard only
 * covers {@code /drift/**}); what it shows still does.
 *
 * <p>Every response says {@code Cache-Control: no-cache} with an ETag: the files carry no version in
 * their names, so browsers must revalidate to pick up a new release, which costs a 304 otherwise.
 * Redirects are relative, so the page works behind a proxy that adds a path prefix.
 */
@Controller
final class UiController {
    /** Only our own scripts, styles and API; the page never loads anything from elsewhere. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";

    private final UiAssets assets;

    UiController(UiAssets assets) {
        this.assets = assets;
    }

    /** The service's root leads to the page. */
    @Get
    HttpResponse<?> root() {
        return redirect("ui/");
    }

    /**
     * The page at {@code /ui/}; {@code /ui} is sent there so that the page's relative links resolve
     * (the router matches both spellings here, so the path itself tells them apart).
     */
    @Get("/ui")
    HttpResponse<?> page(HttpRequest<?> request) {
        return request.getPath().endsWith("/") ? file(request, "index.html") : redirect("ui/");
    }

    /** One of the page's files; 404 for any other name. */
    @Get("/ui/{name}")
    HttpResponse<?> asset(HttpRequest<?> request, @PathVariable String name) {
        return file(request, name);
    }

    /**
     * {@code /ui/cis/{ci}}: a plain link to one CI's view (the page routes on the fragment, which
     * links in chat tools sometimes lose).
     */
    @Get("/ui/cis/{ci}")
    HttpResponse<?> ci(@PathVariable String ci) {
        return redirect("../#/cis/" + URLEncoder.encode(ci, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private HttpResponse<?> file(HttpRequest<?> request, String name) {
        UiAssets.Asset asset = assets.find(name)
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no file " + name + " in the page"));
        MutableHttpResponse<?> response = request.getHeaders().get(HttpHeaders.IF_NONE_MATCH, String.class)
                .filter(asset.etag()::equals)
                .<MutableHttpResponse<?>>map(match -> HttpResponse.notModified())
                .orElseGet(() -> HttpResponse.ok(asset.body()).contentType(asset.type()));
        return response.header(HttpHeaders.ETAG, asset.etag())
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    }

    private static HttpResponse<?> redirect(String relative) {
        return HttpResponse.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, URI.create(relative).toString());
    }
}
