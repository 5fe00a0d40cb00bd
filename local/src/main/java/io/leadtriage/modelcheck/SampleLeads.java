package io.leadtriage.modelcheck;

import io.leadtriage.domain.Answers;
import io.leadtriage.domain.Lead;
import io.leadtriage.domain.Signal;
import io.leadtriage.domain.SignalSource;
import io.leadtriage.domain.SignalType;
import io.leadtriage.domain.model.QualificationModel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The leads a model check scores, before and after an edit: a small fixed set of the people landing pages
 * really meet, from the decision maker ready to buy to the student and the throwaway address. Their signals all
 * happen at the moment of the check, from the source each would come from (a page, a form, a backend), so no
 * behaviour point has faded yet. Addresses are at reserved domains
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
                        Map.of("industry", "marketing-agency", "companySize", "11-50"), form(SignalType.DEMO_REQUEST, "demo")),
                sample("Retail founder, budget approved, starting now", "fay@little-kiln.example",
                        Map.of("industry", "retail", "companySize", "1-10", "jobTitle", "Founder", "budget", "approved",
                                "timeline", "now", "challenge", "Too many form fills, no time to call them all")),
                sample("Influencer, budget planned, 3-6 months", "ivo@lattice.example",
                        Map.of("industry", "software", "companySize", "201-1000", "role", "influencer", "budget", "planned",
                                "timeline", "3-6m")),
                sample("Marketing manager, exploring, saw pricing", "mia@cartwheel.example",
                        Map.of("industry", "ecommerce", "companySize", "11-50", "jobTitle", "Marketing Manager",
                                "budget", "exploring", "timeline", "1-3m"), page(SignalType.PRICING_PAGE_VIEW, "/pricing")),
                sample("Trial user who hit the usage limit", "tom@stackly.example",
                        Map.of("industry", "saas", "companySize", "11-50", "role", "user"),
                        backend(SignalType.TRIAL_STARTED), backend(SignalType.USAGE_LIMIT_REACHED)),
                sample("Healthcare director, budget planned, 1-3 months", "hal@mercy-clinics.example",
                        Map.of("industry", "healthcare", "companySize", "201-1000", "jobTitle", "Director of Operations",
                                "budget", "planned", "timeline", "1-3m")),
                sample("Newsletter signup on a Gmail address", "news.reader@gmail.com", Map.of(),
                        form(SignalType.NEWSLETTER_SIGNUP, "newsletter")),
                sample("Reads guides and pricing, page beacons only", "ria.reader@quill.example", Map.of(),
                        page(SignalType.PAGE_VIEW, "/blog/lead-scoring"), page(SignalType.PAGE_VIEW, "/blog/speed-to-lead"),
                        page(SignalType.PAGE_VIEW, "/customers"), page(SignalType.RESOURCE_DOWNLOAD, "/guide.pdf"),
                        page(SignalType.RESOURCE_DOWNLOAD, "/checklist.pdf"), page(SignalType.RESOURCE_DOWNLOAD, "/report.pdf"),
                        page(SignalType.PRICING_PAGE_VIEW, "/pricing")),
                sample("Student, Gmail, no budget, 6+ months", "stu.dent@gmail.com",
                        Map.of("industry", "education", "companySize", "1-10", "role", "user", "budget", "none",
                                "timeline", "6m+")),
                sample("Throwaway address, decision maker, now", "x7@mailinator.com",
                        Map.of("industry", "saas", "role", "decision_maker", "budget", "approved", "timeline", "now"))));
        List<String> competitors = model.lists().getOrDefault(COMPETITORS_LIST, List.of());
        if (!competitors.isEmpty()) {
            leads.add(sample("Competitor (" + competitors.get(0) + "), evaluating", "pat@" + competitors.get(0),
                    Map.of("industry", "saas", "companySize", "51-200", "role", "influencer", "budget", "exploring",
                            "timeline", "now"), page(SignalType.PRICING_PAGE_VIEW, "/pricing")));
        }
        return leads;
    }

    private static SampleLead sample(String description, String email, Map<String, String> answers, Signal... signals) {
        return new SampleLead(description, new Lead("sample", email, Answers.of(answers), List.of(signals)));
    }

    /** A page snippet's beacon about {@code path}. */
    private static Signal page(SignalType type, String path) {
        return new Signal(type, AT, path, true, SignalSource.PAGE);
    }

    private static Signal form(SignalType type, String formId) {
        return Signal.fromForm(type, formId, AT);
    }

    private static Signal backend(SignalType type) {
        return Signal.of(type, SignalSource.BACKEND, AT);
    }
}
