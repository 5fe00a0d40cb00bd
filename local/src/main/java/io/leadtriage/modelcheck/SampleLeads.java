package io.leadtriage.modelcheck;

import io.leadtriage.domain.Answers;
import io.leadtriage.domain.Lead;
import io.leadtriage.domain.Signal;
import io.leadtriage.domain.SignalType;
import io.leadtriage.domain.model.QualificationModel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The leads a model check scores, before and after an edit: a small fixed set of the people landing pages
 * really meet, from the decision maker ready to buy to the student and the throwaway address. Their signals all
 * happen at the moment of the check, so no behaviour point has faded yet. Addresses are at reserved domains
 * (.example) or at the public mail services the model's lists name.
 */
final class SampleLeads {
    /** The instant the samples are scored at, and their signals happened at. */
    static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");
    /** The model's list of competitors' domains, read for the competitor sample. */
    static final String COMPETITORS_LIST = "competitorDomains";

    /** @param description what a marketer recognises the lead by, in the check's table */
    record SampleLead(String description, Lead lead) {
    }

    private SampleLeads() {
    }

    /**
     * The fixed set, and a lead at a competitor when the model lists a competitor's domain (there is none in the
     * shipped model: it stands for your competitors).
     */
    static List<SampleLead> of(QualificationModel model) {
        List<SampleLead> leads = new ArrayList<>(List.of(
                sample("Decision maker, budget approved, starting now", "dana@northwind.example",
                        Map.of("industry", "saas", "companySize", "51-200", "role", "decision_maker", "budget", "approved",
                                "timeline", "now", "challenge", "Our reps spend hours on leads that never buy")),
                sample("Demo request from a small agency", "sam@brightpixel.example",
                        Map.of("industry", "marketing-agency", "companySize", "11-50"), SignalType.DEMO_REQUEST),
                sample("Retail founder, budget approved, starting now", "fay@little-kiln.example",
                        Map.of("industry", "retail", "companySize", "1-10", "jobTitle", "Founder", "budget", "approved",
                                "timeline", "now", "challenge", "Too many form fills, no time to call them all")),
                sample("Influencer, budget planned, 3-6 months", "ivo@lattice.example",
                        Map.of("industry", "software", "companySize", "201-1000", "role", "influencer", "budget", "planned",
                                "timeline", "3-6m")),
                sample("Marketing manager, exploring, saw pricing", "mia@cartwheel.example",
                        Map.of("industry", "ecommerce", "companySize", "11-50", "jobTitle", "Marketing Manager",
                                "budget", "exploring", "timeline", "1-3m"), SignalType.PRICING_PAGE_VIEW),
                sample("Trial user who hit the usage limit", "tom@stackly.example",
                        Map.of("industry", "saas", "companySize", "11-50", "role", "user"),
                        SignalType.TRIAL_STARTED, SignalType.USAGE_LIMIT_REACHED),
                sample("Healthcare director, budget planned, 1-3 months", "hal@mercy-clinics.example",
                        Map.of("industry", "healthcare", "companySize", "201-1000", "jobTitle", "Director of Operations",
                                "budget", "planned", "timeline", "1-3m")),
                sample("Newsletter signup on a Gmail address", "news.reader@gmail.com", Map.of(),
                        SignalType.NEWSLETTER_SIGNUP),
                sample("Student, Gmail, no budget, 6+ months", "stu.dent@gmail.com",
                        Map.of("industry", "education", "companySize", "1-10", "role", "user", "budget", "none",
                                "timeline", "6m+")),
                sample("Throwaway address, decision maker, now", "x7@mailinator.com",
                        Map.of("industry", "saas", "role", "decision_maker", "budget", "approved", "timeline", "now"))));
        List<String> competitors = model.lists().getOrDefault(COMPETITORS_LIST, List.of());
        if (!competitors.isEmpty()) {
            leads.add(sample("Competitor (" + competitors.get(0) + "), evaluating", "pat@" + competitors.get(0),
                    Map.of("industry", "saas", "companySize", "51-200", "role", "influencer", "budget", "exploring",
                            "timeline", "now"), SignalType.PRICING_PAGE_VIEW));
        }
        return leads;
    }

    private static SampleLead sample(String description, String email, Map<String, String> answers, SignalType... signals) {
        List<Signal> list = Arrays.stream(signals).map(type -> Signal.of(type, AT)).toList();
        return new SampleLead(description, new Lead("sample", email, Answers.of(answers), list));
    }
}
