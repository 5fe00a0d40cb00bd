package io.leadtriage.app.sesevents;

import io.leadtriage.app.sesevents.LinkScannerDetector.EarlierClick;
import io.leadtriage.app.sesevents.LinkScannerDetector.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static io.leadtriage.app.sesevents.SesEventParserEventsTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The link scanner on the clicks of events/: here, not in functions/, for the reason SesEventParserEventsTest gives;
 * functions' LinkScannerDetectorTest judges its own samples the same way.
 */
class LinkScannerDetectorEventsTest {
    final LinkScannerDetector detector = new LinkScannerDetector();

    @Test
    void theFixturesScannerClickIsAScannersAndTheLeadsClickIsNot() {
        SesEvent.Delivery delivery = (SesEvent.Delivery) SesEventParser.parse(fixture("ses-delivery.json"));
        SesEvent.Click scanner = (SesEvent.Click) SesEventParser.parse(fixture("ses-click-scanner.json"));
        SesEvent.Click lead = (SesEvent.Click) SesEventParser.parse(fixture("ses-click.json"));

        Verdict scannerVerdict = detector.assess(scanner, Optional.of(delivery.deliveredAt()), List.of(), OptionalInt.of(2));
        Verdict leadVerdict = detector.assess(lead, Optional.of(delivery.deliveredAt()),
                List.of(EarlierClick.of(scanner)), OptionalInt.of(2));

        assertThat(scannerVerdict.scanner()).isTrue();
        assertThat(scannerVerdict.reason()).isEqualTo("user agent of an automated client: Microsoft Office");
        assertThat(leadVerdict).isEqualTo(new Verdict(false, "no sign of a link scanner"));
    }
}
