package io.mooring.admission;

/** Decides an admission review: the policy engine ({@link PolicyReviewer}), or anything a test or a benchmark needs. */
@FunctionalInterface
public interface Reviewer {
    Decision review(AdmissionReview review);
}
