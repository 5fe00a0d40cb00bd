package io.leadtriage.testing.memory;

import io.leadtriage.app.LeadRecord;
import io.leadtriage.app.outbox.SentMessage;
import io.leadtriage.app.ports.ReportCounters;
import io.leadtriage.app.reports.Cohort;
import io.leadtriage.app.reports.CountChange;
import io.leadtriage.app.reports.EmailStep;
import io.leadtriage.app.reports.RuleSet;
import io.leadtriage.domain.reports.Tally;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** The report counters in memory: kept by the other in-memory ports as they store each change. */
public final class InMemoryReportCounters implements ReportCounters {
    private final MemoryTable table;

    InMemoryReportCounters(MemoryTable table) {
        this.table = table;
    }

    @Override
    public Map<LocalDate, Tally> funnelByDay(LocalDate from, LocalDate to) {
        return kept(table.funnelDays, day -> !day.isBefore(from) && day.isBefore(to));
    }

    @Override
    public Map<Cohort, Tally> funnelByMonth(YearMonth from, YearMonth to) {
        return kept(table.funnelCells, cell -> within(YearMonth.from(cell.day()), from, to));
    }

    @Override
    public Map<EmailStep, Tally> emailsByDay(LocalDate from, LocalDate to) {
        return kept(table.emails, step -> !step.day().isBefore(from) && step.day().isBefore(to));
    }

    @Override
    public Map<RuleSet, Tally> calibration(YearMonth from, YearMonth to) {
        return kept(table.calibration, rules -> within(rules.month(), from, to));
    }

    private static boolean within(YearMonth month, YearMonth from, YearMonth to) {
        return !month.isBefore(from) && !month.isAfter(to);
    }

    /** The counters whose key {@code wanted} takes, leaving out those back at zero (as a table's are never read). */
    private <K> Map<K, Tally> kept(Map<K, Tally> counters, Predicate<K> wanted) {
        synchronized (table) {
            Map<K, Tally> kept = new HashMap<>();
            counters.forEach((key, counts) -> {
                if (wanted.test(key) && !counts.isEmpty()) {
                    kept.put(key, counts);
                }
            });
            return kept;
        }
    }

    @Override
    public boolean count(LeadRecord read) {
        synchronized (table) {
            LeadRecord stored = table.profiles.get(read.id());
            if (stored == null || stored.counted() || stored.version() != read.version()) {
                return false;
            }
            table.profiles.put(read.id(), stored.changed().version(stored.version() + 1).counted(true).build());
            table.count(CountChange.of(read));
            return true;
        }
    }

    @Override
    public boolean countMessage(SentMessage read, CountChange figures) {
        synchronized (table) {
            SentMessage stored = table.messages.getOrDefault(read.leadId(), Map.of()).get(read.sendId());
            if (stored == null || stored.backfilled()) {
                return false;
            }
            table.messages.get(read.leadId()).put(read.sendId(), stored.markedBackfilled());
            table.count(figures);
            return true;
        }
    }

    /** Forgets every email figure, as a stack from before the figures were kept holds none. */
    public void forgetEmailFigures() {
        synchronized (table) {
            table.emails.clear();
        }
    }

    @Override
    public Optional<Backfill> backfill() {
        synchronized (table) {
            return Optional.ofNullable(table.backfill);
        }
    }

    @Override
    public boolean startBackfill(Instant now, Instant emailsBefore) {
        synchronized (table) {
            if (table.backfill != null && !table.backfill.finished()) {
                return false;
            }
            table.backfill = Backfill.started(now, emailsBefore);
            table.backfillHolder = null;
            table.backfillLease = null;
            return true;
        }
    }

    @Override
    public Optional<Backfill> claimBackfill(String holder, Instant now, Instant leaseUntil) {
        synchronized (table) {
            Backfill b = table.backfill;
            if (b == null || b.finished() || table.backfillLease != null && !table.backfillLease.isBefore(now)
                    && !holder.equals(table.backfillHolder)) {
                return Optional.empty();
            }
            table.backfillHolder = holder;
            table.backfillLease = MemoryTable.millis(leaseUntil);
            return Optional.of(b);
        }
    }

    @Override
    public boolean recordBackfill(Backfill progress, String holder, Instant leaseUntil) {
        synchronized (table) {
            if (!holder.equals(table.backfillHolder) || table.backfill.finished()) {
                return false;
            }
            table.backfill = progress;
            table.backfillLease = MemoryTable.millis(leaseUntil);
            return true;
        }
    }
}
