package io.mooring.web;

/** Ends a page request with a redirect (a browser that must sign in first, a form that was handled). */
public final class Redirect extends RuntimeException {
    private final String location;

    public Redirect(String location) {
        super(null, null, false, false);
        this.location = location;
    }

    public String location() {
        return location;
    }
}
