package io.mooring.admission;

/** A request body that is not an AdmissionReview the webhook can answer; the server replies 400 with the message. */
public final class MalformedReviewException extends RuntimeException {
    public MalformedReviewException(String message) {
        super(message);
    }
}
