package dev.drift.cli;

/**
 * Why a call to the drift API did not succeed, and which {@link Exit} code that means: the service
 * {@link Refused refused} the request, or was {@link Unavailable unavailable}.
 */
abstract sealed class ApiException extends RuntimeException permits ApiException.Refused, ApiException.Unavailable {

    ApiException(String message, Throwable cause) {
        super(message, cause);
    }

    abstract int exitCode();

    /** A 4xx answer: asking again the same way will not help. */
    static final class Refused extends ApiException {
        Refused(String detail) {
            super(detail, null);
        }

        @Override
        int exitCode() {
            return Exit.REFUSED;
        }
    }

    /** No answer, a 5xx answer or an unreadable one: asking again later may help. */
    static final class Unavailable extends ApiException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        int exitCode() {
            return Exit.UNAVAILABLE;
        }
    }
}
