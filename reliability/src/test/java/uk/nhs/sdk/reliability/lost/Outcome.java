package uk.nhs.sdk.reliability.lost;

/**
 * What one nothing-lost scenario ended with: a row of the document's table.
 *
 * @param scenario what was sent, through which client
 * @param messages how many messages or updates
 * @param requests how many requests the clients sent, retries included
 * @param faults how many of those requests the sandbox broke
 * @param retried how many retries the SDK made on its own
 * @param unknown how many calls ended with an unknown outcome (or part-way) for the caller to reconcile
 * @param reconciled how many of those the caller settled by tracking or by resending with the same key
 * @param lost how many messages never arrived
 * @param duplicated how many arrived (or were applied) more than once
 */
record Outcome(
        String scenario,
        int messages,
        int requests,
        int faults,
        int retried,
        int unknown,
        int reconciled,
        int lost,
        int duplicated) {

    /** The row in the document's table. */
    String row() {
        return "| " + scenario + " | " + messages + " | " + requests + " | " + faults + " | " + retried + " | "
                + unknown + " / " + reconciled + " | " + lost + " | " + duplicated + " |";
    }
}
