package dev.drift.service.reconcile;

import dev.drift.service.model.CiKey;
import dev.drift.service.system.Database;
import jakarta.inject.Singleton;
import java.util.Collection;

/**
 * Asks for CIs to be reconciled because something other than an event changed: intent in the CMDB
 * (a webhook, the periodic refresh), an exception expiring, an operator. The request is durable
 * first, then handed to the in-process queue for a prompt reconcile.
 */
@Singleton
public final class ReconcileTrigger {
    private final Database database;
    private final ReconcileRequests requests;
    private final WorkQueue queue;

    ReconcileTrigger(Database database, ReconcileRequests requests, WorkQueue queue) {
        this.database = database;
        this.requests = requests;
        this.queue = queue;
    }

    public void request(Collection<CiKey> cis) {
        if (cis.isEmpty()) {
            return;
        }
        database.write(c -> {
            requests.request(c, cis);
            return null;
        });
        queue.addAll(cis);
    }
}
