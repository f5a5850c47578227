"""An answer about another product earns nothing, even for a product outside the catalogue: its design
sentences are mostly words the case's knowledge file never uses, and it uses almost none of the brief's."""

from interviewer.matching import CaseTopic

SPAM_FILTER = (
    "I'd treat it as binary classification of each incoming email as spam or not. The input is the sender's "
    "domain and reputation, the headers, the body text, the links and the attachments, and the output is a score "
    "we threshold to route mail to the inbox or the junk folder. Putting a real email in junk is far worse than "
    "letting one spam through, so I'd keep the false positive rate tiny and maximise recall under it. Labels come "
    "from users pressing 'report spam' and 'not spam', plus honeypot mailboxes that only ever receive spam. "
    "Offline I'd read recall at a fixed false positive rate; online, how often users rescue mail from junk."
)
RIDE_ETA = (
    "For the model I'd predict trip duration for each ride request, from pickup to drop-off. I'd start with "
    "gradient-boosted trees on the route distance and free-flow time from the routing engine, pickup and drop-off "
    "zones, hour of week, live speeds on the road segments along the route, weather and whether there's an event "
    "nearby. The loss would be Huber rather than squared error, because a few trips with long stops or GPS glitches "
    "would otherwise dominate training. Offline I'd measure mean absolute error and the 90th percentile error per "
    "city, since riders get angrier about late pickups than early ones."
)
ON_CASE = (
    "For the model I'd start from the logistic regression on nightly features as the baseline and move to "
    "gradient-boosted trees over streaming velocity counters per card, device and merchant, because card-testing "
    "bursts show up in minutes. Labels mature slowly, since chargebacks take a median 35 days, so I'd train on "
    "payments older than 90 days and weight first-party friendly fraud lower. Offline I'd read PR-AUC and recall "
    "at the block rate the business tolerates, in dollars as well as counts, and compare with the rules."
)


def test_an_answer_for_a_product_outside_the_catalogue_is_about_another_case(knowledge):
    cases = list(knowledge.cases.values())
    topic = CaseTopic(knowledge.cases["payment-fraud-detection"], cases)
    assert topic.about_another_case(RIDE_ETA)
    assert not topic.about_another_case(ON_CASE)
    assert CaseTopic(knowledge.cases["rag-support-assistant"], cases).about_another_case(SPAM_FILTER)
    # a short answer says too little to tell
    assert not topic.about_another_case(RIDE_ETA.split(". ")[0] + ".")


SPAM_INTERVIEW = " ".join([SPAM_FILTER, (
    "For data I'd use a year of delivered mail with the users' junk and not-junk clicks as labels, sampling "
    "per sender domain so a few bulk mailers don't dominate, and split by time because spammers change "
    "templates weekly. Features: sender reputation from bounce and complaint rates, SPF and DKIM results, URL "
    "reputation from crawled landing pages, attachment types, character n-grams of the subject, and how many "
    "recipients got the same body within the hour. The model is a gradient-boosted tree over those plus a "
    "small text encoder, scored inline as mail arrives within 50 milliseconds on the delivery servers, with "
    "a fallback to reputation rules. Online I'd measure the rescue rate from junk and user spam reports in "
    "an A/B test by recipient. Monitoring: campaign bursts from new domains, drift in URL features, and weekly "
    "retraining, with a rollback when rescues from junk rise over their alert line.")])


def test_a_whole_interview_for_another_product_is_off_case(knowledge):
    case = knowledge.cases["rag-support-assistant"]
    topic = CaseTopic(case, list(knowledge.cases.values()))
    assert topic.transcript_off_case(SPAM_INTERVIEW)
    assert not topic.transcript_off_case(" ".join(kp.text for kp in case.key_points()))


TRIAGE_INTERVIEW = (
    "I'd frame it as routing each incoming support ticket to the right queue and priority, a multi-class "
    "classifier over the ticket's subject and body, with the customer's plan and language as context. Labels "
    "come from the queue that finally resolved each ticket, since agents reassign misrouted tickets by hand, "
    "and priority from the escalation flag. For data I'd take a year of closed tickets, drop the ones merged as "
    "duplicates, and split by month so the test period follows the training period. Features: TF-IDF of the "
    "subject, a sentence encoder over the first paragraph, the product area the customer picked in the web "
    "form, attachment types, and the customer's past queues. The model is a gradient-boosted tree on those, "
    "compared with the keyword rules the agents maintain today, and I'd read macro F1 per queue because the "
    "billing queue dwarfs the rest. Serving: score on ticket creation within a second, and when confidence is "
    "low leave it in the general queue for a dispatcher. Online, the share of tickets reassigned and the time "
    "to first response in an A/B test by customer. Monitoring: reassignment rate per queue weekly, drift in "
    "the product-area mix after releases, and monthly retraining with a rollback to the rules."
)


class _OwnBriefAt:
    """Embeds the briefs as orthogonal unit vectors and any other text at cosine `own` to this case's brief."""

    def __init__(self, own: float, briefs: int) -> None:
        self.own, self.size = own, briefs + 1
        self.briefs_done = False

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not self.briefs_done:
            self.briefs_done = True
            return [[1.0 if i == n else 0.0 for i in range(self.size)] for n in range(len(texts))]
        rest = (1 - self.own ** 2) ** 0.5
        return [[self.own] + [0.0] * (self.size - 2) + [rest] for _ in texts]


def test_a_whole_interview_for_a_neighbouring_product_is_off_case_by_its_words_and_meaning(knowledge):
    """Ticket triage for the support-assistant case: helpdesk words, so no single test catches it, but a fifth
    of its design words are ones the case never uses and it reads far from the brief."""
    case = knowledge.cases["rag-support-assistant"]
    cases = list(knowledge.cases.values())
    far = CaseTopic(case, cases, _OwnBriefAt(0.25, len(cases)))
    assert far.transcript_off_case(TRIAGE_INTERVIEW)
    # the case's own words at the same distance are about the case
    on_case = " ".join(kp.text for kp in case.key_points())
    assert not CaseTopic(case, cases, _OwnBriefAt(0.25, len(cases))).transcript_off_case(on_case)
    # and close to the brief, the same words are not enough
    assert not CaseTopic(case, cases, _OwnBriefAt(0.4, len(cases))).transcript_off_case(TRIAGE_INTERVIEW)


DEMAND_FORECAST = (
    "For the model I'd predict the demand for each product in each store for the next seven days, with "
    "gradient-boosted trees on lagged sales, price, promotions, holidays, local weather and the store's size and "
    "location. The loss would be a quantile loss at the 80th percentile, because an empty shelf costs more than a "
    "few spare units that can still be sold next week. Offline I'd measure weighted absolute percentage error per "
    "store and category on the latest weeks as a time-based holdout, and compare against the seasonal naive "
    "baseline the planners use today."
)


def test_one_answer_for_another_product_is_off_case_when_it_also_reads_far_from_the_brief(knowledge):
    """A demand forecast answered to the similar-listings case: under the word test alone (under a third of its
    design words foreign), but far from the brief in meaning too."""
    case = knowledge.cases["similar-listings"]
    cases = list(knowledge.cases.values())
    assert not CaseTopic(case, cases).about_another_case(DEMAND_FORECAST)
    assert CaseTopic(case, cases, _OwnBriefAt(0.25, len(cases))).about_another_case(DEMAND_FORECAST)
    assert not CaseTopic(case, cases, _OwnBriefAt(0.4, len(cases))).about_another_case(DEMAND_FORECAST)
    on_case = " ".join(kp.text for kp in case.key_points("model"))
    assert not CaseTopic(case, cases, _OwnBriefAt(0.25, len(cases))).about_another_case(on_case)
