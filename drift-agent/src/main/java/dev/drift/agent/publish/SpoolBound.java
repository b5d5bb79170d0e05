package dev.drift.agent.publish;

/** How much the spool may hold before it refuses events: whichever limit is reached first. */
record SpoolBound(long maxBytes, long maxRecords) {
    SpoolBound {
        if (maxBytes < 1 || maxRecords < 1) {
            throw new IllegalArgumentException("spool bound must be positive: " + maxBytes + " bytes, "
                    + maxRecords + " records");
        }
    }
}
