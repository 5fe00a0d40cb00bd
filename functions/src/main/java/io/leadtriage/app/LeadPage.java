package io.leadtriage.app;

import java.util.List;

/** One page of leads, newest first. @param nextCursor opaque; null on the last page */
public record LeadPage(List<LeadRecord> leads, String nextCursor) {
    public LeadPage {
        leads = List.copyOf(leads);
    }
}
