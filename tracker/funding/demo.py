"""Demo data: the seed article's xAI rounds and a dozen well-known rounds of other companies.

Figures are as publicly reported at the time; the quotes are our own short
paraphrases of what each source states, not the sources' sentences. Loading is
idempotent: existing rows are found by natural keys and never overwritten, so
running it twice (or after editors changed the data) changes nothing.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from tracker.funding.models import (
    Citation,
    Company,
    Founder,
    FundingRound,
    Investor,
    InvestorAlias,
    InvestorName,
    Participation,
    Sector,
    Source,
    Valuation,
)
from tracker.lib.text import name_key

B = Decimal("1000000000")
M = Decimal("1000000")

# name: (kind, country, aliases)
INVESTORS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "Valor Equity Partners": ("private_equity", "US", ("Valor",)),
    "Andreessen Horowitz": ("vc", "US", ("a16z",)),
    "Sequoia Capital": ("vc", "US", ("Sequoia",)),
    "Prince Alwaleed Bin Talal": ("individual", "SA", ("Alwaleed bin Talal",)),
    "Thrive Capital": ("vc", "US", ()),
    "Microsoft": ("corporate_vc", "US", ()),
    "NVIDIA": ("corporate_vc", "US", ()),
    "SoftBank Group": ("corporate_vc", "JP", ("SoftBank",)),
    "Khosla Ventures": ("vc", "US", ()),
    "Altimeter Capital": ("vc", "US", ()),
    "Fidelity Investments": ("asset_manager", "US", ("Fidelity",)),
    "MGX": ("sovereign", "AE", ()),
    "Lightspeed Venture Partners": ("vc", "US", ("Lightspeed",)),
    "Bessemer Venture Partners": ("vc", "US", ("BVP",)),
    "Cisco Investments": ("corporate_vc", "US", ()),
    "D1 Capital Partners": ("asset_manager", "US", ("D1",)),
    "General Catalyst": ("vc", "US", ()),
    "Jane Street": ("other", "US", ()),
    "Menlo Ventures": ("vc", "US", ()),
    "Salesforce Ventures": ("corporate_vc", "US", ()),
    "Redpoint Ventures": ("vc", "US", ()),
    "Index Ventures": ("vc", "GB", ()),
    "Xavier Niel": ("individual", "FR", ()),
    "JCDecaux Holding": ("family_office", "FR", ()),
    "Bpifrance": ("sovereign", "FR", ()),
    "Eric Schmidt": ("individual", "US", ()),
    "BNP Paribas": ("bank", "FR", ()),
    "ASML": ("corporate_vc", "NL", ()),
    "DST Global": ("vc", "HK", ()),
    "GIC": ("sovereign", "SG", ()),
    "Insight Partners": ("vc", "US", ()),
    "WCM Investment Management": ("asset_manager", "US", ()),
    "Baillie Gifford": ("asset_manager", "GB", ()),
    "Founders Fund": ("vc", "US", ()),
    "MSD Partners": ("asset_manager", "US", ()),
    "Goldman Sachs Asset Management": ("asset_manager", "US", ()),
    "Temasek": ("sovereign", "SG", ()),
    "Coatue Management": ("vc", "US", ("Coatue",)),
    "Tiger Global Management": ("vc", "US", ("Tiger Global",)),
    "Eurazeo": ("private_equity", "FR", ()),
    "General Atlantic": ("private_equity", "US", ()),
    "Accel": ("vc", "US", ("Accel Partners",)),
    "TCV": ("vc", "US", ("Technology Crossover Ventures",)),
    "Alven": ("vc", "FR", ()),
    "Valar Ventures": ("vc", "US", ()),
    "OpenAI Startup Fund": ("corporate_vc", "US", ()),
    "Bezos Expeditions": ("family_office", "US", ()),
    "Parkway Venture Capital": ("vc", "US", ()),
    "Intel Capital": ("corporate_vc", "US", ()),
    "Align Ventures": ("vc", "US", ()),
    "ARK Invest": ("asset_manager", "US", ()),
    "Avenir Growth Capital": ("vc", "US", ("Avenir",)),
    "Glade Brook Capital Partners": ("vc", "US", ("Glade Brook",)),
    "Nexus Venture Partners": ("vc", "IN", ()),
    "StepStone Group": ("asset_manager", "US", ()),
    "Goodwater Capital": ("vc", "US", ()),
    "New Enterprise Associates": ("vc", "US", ("NEA",)),
    "Greenoaks": ("vc", "US", ()),
}


@dataclass
class DemoRound:
    round_type: str
    status: str
    announced_on: datetime.date
    source: str
    quote: str
    amount: Decimal | None = None
    currency: str = "USD"
    label: str = ""
    precision: str = "day"
    target: Decimal | None = None
    pre: Decimal | None = None
    post: Decimal | None = None
    reported: Decimal | None = None
    valuation_currency: str | None = None
    valuation_quote: str = ""
    leads: tuple[str, ...] = ()
    co_leads: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()
    investors_quote: str = ""
    complete: bool = False
    use_of_funds: str = ""


@dataclass
class DemoCompany:
    name: str
    country: str
    city: str
    description: str
    founded_on: datetime.date
    founded_precision: str
    sectors: tuple[str, ...]
    founders: tuple[str, ...]
    rounds: list[DemoRound] = field(default_factory=list)
    website: str = ""
    status: str = "active"


# title: (publisher, language, published_on, url)
SOURCES: dict[str, tuple[str, str, datetime.date | None, str]] = {
    "XAI d'Elon Musk obtient un nouveau financement de 6 milliards de dollars": ("", "fr", None, ""),
    "OpenAI announcement of its October 2024 funding": ("OpenAI", "en", datetime.date(2024, 10, 2), ""),
    "Anthropic announcement of its Series E": ("Anthropic", "en", datetime.date(2025, 3, 3), ""),
    "Mistral AI seed round coverage": ("Press coverage", "fr", datetime.date(2023, 6, 13), ""),
    "Mistral AI Series A announcement": ("Mistral AI", "en", datetime.date(2023, 12, 11), ""),
    "Mistral AI Series B announcement": ("Mistral AI", "en", datetime.date(2024, 6, 11), ""),
    "Mistral AI Series C announcement with ASML": ("Mistral AI", "fr", datetime.date(2025, 9, 9), ""),
    "Databricks Series J announcement": ("Databricks", "en", datetime.date(2024, 12, 17), ""),
    "Stripe Series I announcement": ("Stripe", "en", datetime.date(2023, 3, 15), ""),
    "Revolut secondary share sale announcement": ("Revolut", "en", datetime.date(2024, 8, 16), ""),
    "Doctolib funding announcement": ("Doctolib", "fr", datetime.date(2022, 3, 15), ""),
    "Qonto Series D announcement": ("Qonto", "fr", datetime.date(2022, 1, 11), ""),
    "Wiz funding announcement": ("Wiz", "en", datetime.date(2024, 5, 14), ""),
    "Figure AI Series B announcement": ("Figure AI", "en", datetime.date(2024, 2, 29), ""),
    "Zepto Series F coverage": ("Press coverage", "en", datetime.date(2024, 6, 21), ""),
    "Synthesia Series D announcement": ("Synthesia", "en", datetime.date(2025, 1, 15), ""),
}
SEED_SOURCE = "XAI d'Elon Musk obtient un nouveau financement de 6 milliards de dollars"

COMPANIES: list[DemoCompany] = [
    DemoCompany(
        name="xAI",
        country="US",
        city="",
        description="Artificial intelligence company founded by Elon Musk; builds the Grok chatbot.",
        founded_on=datetime.date(2023, 7, 1),
        founded_precision="month",
        sectors=("Artificial intelligence",),
        founders=("Elon Musk",),
        rounds=[
            DemoRound(
                round_type="series_unknown",
                status="rumored",
                announced_on=datetime.date(2023, 12, 1),
                precision="month",
                target=1 * B,
                source=SEED_SOURCE,
                quote="Musk's AI start-up was reported to be looking to raise one billion dollars.",
            ),
            DemoRound(
                round_type="series_b",
                label="série B",
                status="closed",
                announced_on=datetime.date(2024, 5, 26),
                amount=6 * B,
                pre=18 * B,
                post=24 * B,
                source=SEED_SOURCE,
                quote="xAI said on Sunday, in a blog post, that it had raised a six-billion-dollar Series B.",
                valuation_quote="The new money takes the valuation to 24 billion dollars, on an 18 billion "
                "pre-money figure given by Musk.",
                participants=(
                    "Valor Equity Partners",
                    "Andreessen Horowitz",
                    "Sequoia Capital",
                    "Prince Alwaleed Bin Talal",
                ),
                investors_quote="Backers named include Valor Equity Partners, Andreessen Horowitz, Sequoia "
                "Capital and Prince Alwaleed Bin Talal, with others unnamed.",
                use_of_funds="Take xAI's first products to market, build advanced infrastructure and speed up "
                "research and development.",
            ),
        ],
    ),
    DemoCompany(
        name="OpenAI",
        country="US",
        city="San Francisco",
        description="AI research and deployment company behind ChatGPT.",
        founded_on=datetime.date(2015, 12, 1),
        founded_precision="month",
        sectors=("Artificial intelligence",),
        founders=("Sam Altman", "Greg Brockman", "Ilya Sutskever"),
        website="https://openai.com",
        rounds=[
            DemoRound(
                round_type="series_unknown",
                status="closed",
                announced_on=datetime.date(2024, 10, 2),
                amount=Decimal("6.6") * B,
                post=157 * B,
                source="OpenAI announcement of its October 2024 funding",
                quote="OpenAI reported 6.6 billion dollars of new funding.",
                valuation_quote="The round values OpenAI at 157 billion dollars post-money.",
                leads=("Thrive Capital",),
                participants=(
                    "Microsoft",
                    "NVIDIA",
                    "SoftBank Group",
                    "Khosla Ventures",
                    "Altimeter Capital",
                    "Fidelity Investments",
                    "MGX",
                ),
                investors_quote="Thrive Capital led, joined by Microsoft, NVIDIA, SoftBank and several funds.",
            ),
        ],
    ),
    DemoCompany(
        name="Anthropic",
        country="US",
        city="San Francisco",
        description="AI safety and research company that makes the Claude models.",
        founded_on=datetime.date(2021, 1, 1),
        founded_precision="year",
        sectors=("Artificial intelligence",),
        founders=("Dario Amodei", "Daniela Amodei"),
        website="https://www.anthropic.com",
        rounds=[
            DemoRound(
                round_type="series_e",
                label="Series E",
                status="closed",
                announced_on=datetime.date(2025, 3, 3),
                amount=Decimal("3.5") * B,
                post=Decimal("61.5") * B,
                source="Anthropic announcement of its Series E",
                quote="Anthropic raised 3.5 billion dollars in a Series E.",
                valuation_quote="The Series E sets a post-money valuation of 61.5 billion dollars.",
                leads=("Lightspeed Venture Partners",),
                participants=(
                    "Bessemer Venture Partners",
                    "Cisco Investments",
                    "D1 Capital Partners",
                    "Fidelity Investments",
                    "General Catalyst",
                    "Jane Street",
                    "Menlo Ventures",
                    "Salesforce Ventures",
                ),
                investors_quote="Lightspeed led the round; Bessemer, Cisco, D1, Fidelity, General Catalyst, "
                "Jane Street, Menlo and Salesforce Ventures took part, among others.",
            ),
        ],
    ),
    DemoCompany(
        name="Mistral AI",
        country="FR",
        city="Paris",
        description="French developer of open-weight and commercial large language models.",
        founded_on=datetime.date(2023, 4, 1),
        founded_precision="month",
        sectors=("Artificial intelligence",),
        founders=("Arthur Mensch", "Guillaume Lample", "Timothée Lacroix"),
        website="https://mistral.ai",
        rounds=[
            DemoRound(
                round_type="seed",
                label="amorçage",
                status="closed",
                announced_on=datetime.date(2023, 6, 1),
                precision="month",
                amount=105 * M,
                currency="EUR",
                reported=240 * M,
                source="Mistral AI seed round coverage",
                quote="The month-old start-up raised 105 million euros in a seed round.",
                valuation_quote="The seed round was reported to value Mistral AI at about 240 million euros.",
                leads=("Lightspeed Venture Partners",),
                participants=(
                    "Redpoint Ventures",
                    "Index Ventures",
                    "Xavier Niel",
                    "JCDecaux Holding",
                    "Bpifrance",
                    "Eric Schmidt",
                ),
                investors_quote="Lightspeed led; Redpoint, Index, Xavier Niel, JCDecaux Holding, Bpifrance and "
                "Eric Schmidt joined.",
            ),
            DemoRound(
                round_type="series_a",
                label="Series A",
                status="closed",
                announced_on=datetime.date(2023, 12, 11),
                amount=385 * M,
                currency="EUR",
                reported=2 * B,
                valuation_currency="USD",
                source="Mistral AI Series A announcement",
                quote="Mistral AI announced 385 million euros of Series A funding.",
                valuation_quote="The Series A was reported to value the company at around two billion dollars.",
                leads=("Andreessen Horowitz",),
                participants=("Lightspeed Venture Partners", "Salesforce Ventures", "BNP Paribas", "General Catalyst"),
                investors_quote="Andreessen Horowitz led, with Lightspeed returning and new backers including "
                "Salesforce, BNP Paribas and General Catalyst.",
            ),
            DemoRound(
                round_type="series_b",
                label="Series B",
                status="closed",
                announced_on=datetime.date(2024, 6, 11),
                amount=600 * M,
                currency="EUR",
                reported=Decimal("5.8") * B,
                source="Mistral AI Series B announcement",
                quote="Mistral AI raised 600 million euros in equity and debt.",
                valuation_quote="Reports put the valuation after the round at 5.8 billion euros.",
                leads=("General Catalyst",),
                participants=(
                    "Lightspeed Venture Partners",
                    "Andreessen Horowitz",
                    "NVIDIA",
                    "Salesforce Ventures",
                    "BNP Paribas",
                    "Cisco Investments",
                ),
                investors_quote="General Catalyst led; existing and new investors such as Lightspeed, "
                "Andreessen Horowitz, NVIDIA, Salesforce, BNP Paribas and Cisco joined.",
            ),
            DemoRound(
                round_type="series_c",
                label="série C",
                status="closed",
                announced_on=datetime.date(2025, 9, 9),
                amount=Decimal("1.7") * B,
                currency="EUR",
                post=Decimal("11.7") * B,
                source="Mistral AI Series C announcement with ASML",
                quote="Mistral AI closed a 1.7 billion euro Series C with ASML as lead investor.",
                valuation_quote="The Series C values Mistral AI at 11.7 billion euros post-money.",
                leads=("ASML",),
                participants=(
                    "DST Global",
                    "Andreessen Horowitz",
                    "Bpifrance",
                    "General Catalyst",
                    "Index Ventures",
                    "Lightspeed Venture Partners",
                    "NVIDIA",
                ),
                investors_quote="ASML led, alongside existing investors including DST Global, Andreessen "
                "Horowitz, Bpifrance, General Catalyst, Index Ventures, Lightspeed and NVIDIA.",
            ),
        ],
    ),
    DemoCompany(
        name="Databricks",
        country="US",
        city="San Francisco",
        description="Data and AI platform built around the lakehouse.",
        founded_on=datetime.date(2013, 1, 1),
        founded_precision="year",
        sectors=("Data infrastructure", "Artificial intelligence"),
        founders=("Ali Ghodsi", "Matei Zaharia", "Ion Stoica"),
        website="https://www.databricks.com",
        rounds=[
            DemoRound(
                round_type="series_j",
                label="Series J",
                status="announced",
                announced_on=datetime.date(2024, 12, 17),
                amount=10 * B,
                reported=62 * B,
                source="Databricks Series J announcement",
                quote="Databricks announced a ten-billion-dollar Series J.",
                valuation_quote="The Series J values Databricks at 62 billion dollars.",
                leads=("Thrive Capital",),
                co_leads=(
                    "Andreessen Horowitz",
                    "DST Global",
                    "GIC",
                    "Insight Partners",
                    "WCM Investment Management",
                ),
                investors_quote="Thrive Capital led, co-led by Andreessen Horowitz, DST Global, GIC, Insight "
                "Partners and WCM.",
            ),
        ],
    ),
    DemoCompany(
        name="Stripe",
        country="US",
        city="San Francisco",
        description="Online payments infrastructure for businesses.",
        founded_on=datetime.date(2010, 1, 1),
        founded_precision="year",
        sectors=("Fintech", "Payments"),
        founders=("Patrick Collison", "John Collison"),
        website="https://stripe.com",
        rounds=[
            DemoRound(
                round_type="series_i",
                label="Series I",
                status="closed",
                announced_on=datetime.date(2023, 3, 15),
                amount=Decimal("6.5") * B,
                reported=50 * B,
                source="Stripe Series I announcement",
                quote="Stripe raised more than 6.5 billion dollars in a Series I.",
                valuation_quote="The Series I values Stripe at 50 billion dollars.",
                participants=(
                    "Andreessen Horowitz",
                    "Baillie Gifford",
                    "Founders Fund",
                    "General Catalyst",
                    "MSD Partners",
                    "Thrive Capital",
                    "GIC",
                    "Goldman Sachs Asset Management",
                    "Temasek",
                ),
                investors_quote="Existing investors such as Andreessen Horowitz, Baillie Gifford, Founders Fund, "
                "General Catalyst, MSD and Thrive were joined by GIC, Goldman Sachs and Temasek.",
                use_of_funds="Provide liquidity to current and former employees and cover related tax withholding.",
            ),
        ],
    ),
    DemoCompany(
        name="Revolut",
        country="GB",
        city="London",
        description="Financial super-app offering accounts, cards, payments and trading.",
        founded_on=datetime.date(2015, 7, 1),
        founded_precision="month",
        sectors=("Fintech",),
        founders=("Nik Storonsky", "Vlad Yatsenko"),
        website="https://www.revolut.com",
        rounds=[
            DemoRound(
                round_type="secondary",
                label="secondary share sale",
                status="closed",
                announced_on=datetime.date(2024, 8, 16),
                reported=45 * B,
                source="Revolut secondary share sale announcement",
                quote="Revolut completed a secondary sale of employee shares; the amount was not disclosed.",
                valuation_quote="The secondary sale values Revolut at 45 billion dollars.",
                participants=("Coatue Management", "D1 Capital Partners", "Tiger Global Management"),
                investors_quote="Buyers included Coatue, D1 Capital Partners and Tiger Global.",
            ),
        ],
    ),
    DemoCompany(
        name="Doctolib",
        country="FR",
        city="Paris",
        description="Online medical appointment booking and practice software.",
        founded_on=datetime.date(2013, 1, 1),
        founded_precision="year",
        sectors=("Health tech",),
        founders=("Stanislas Niox-Chateau",),
        website="https://www.doctolib.fr",
        rounds=[
            DemoRound(
                round_type="series_unknown",
                label="levée de fonds",
                status="closed",
                announced_on=datetime.date(2022, 3, 15),
                amount=500 * M,
                currency="EUR",
                reported=Decimal("5.8") * B,
                source="Doctolib funding announcement",
                quote="Doctolib raised 500 million euros.",
                valuation_quote="The round values Doctolib at 5.8 billion euros.",
                leads=("Eurazeo",),
                participants=("General Atlantic", "Bpifrance"),
                investors_quote="Eurazeo led, with General Atlantic and Bpifrance among the other investors.",
            ),
        ],
    ),
    DemoCompany(
        name="Qonto",
        country="FR",
        city="Paris",
        description="Business current accounts for small companies and freelancers.",
        founded_on=datetime.date(2016, 1, 1),
        founded_precision="year",
        sectors=("Fintech",),
        founders=("Alexandre Prot", "Steve Anavi"),
        website="https://qonto.com",
        rounds=[
            DemoRound(
                round_type="series_d",
                label="série D",
                status="closed",
                announced_on=datetime.date(2022, 1, 11),
                amount=486 * M,
                currency="EUR",
                reported=Decimal("4.4") * B,
                source="Qonto Series D announcement",
                quote="Qonto raised 486 million euros in a Series D.",
                valuation_quote="The Series D values Qonto at 4.4 billion euros.",
                co_leads=("Tiger Global Management", "TCV"),
                participants=("Alven", "Valar Ventures", "DST Global"),
                investors_quote="Tiger Global and TCV co-led, with Alven, Valar and DST Global following on.",
            ),
        ],
    ),
    DemoCompany(
        name="Wiz",
        country="US",
        city="New York",
        description="Cloud security platform.",
        founded_on=datetime.date(2020, 1, 1),
        founded_precision="year",
        sectors=("Cybersecurity",),
        founders=("Assaf Rappaport", "Ami Luttwak", "Yinon Costica", "Roy Reznik"),
        website="https://www.wiz.io",
        rounds=[
            DemoRound(
                round_type="series_unknown",
                status="closed",
                announced_on=datetime.date(2024, 5, 14),
                amount=1 * B,
                reported=12 * B,
                source="Wiz funding announcement",
                quote="Wiz raised one billion dollars.",
                valuation_quote="The round values Wiz at 12 billion dollars.",
                co_leads=("Andreessen Horowitz", "Lightspeed Venture Partners", "Thrive Capital"),
                participants=("Greenoaks",),
                investors_quote="Andreessen Horowitz, Lightspeed and Thrive Capital led, with Greenoaks among "
                "the other participants.",
            ),
        ],
    ),
    DemoCompany(
        name="Figure AI",
        country="US",
        city="Sunnyvale",
        description="Developer of general-purpose humanoid robots.",
        founded_on=datetime.date(2022, 1, 1),
        founded_precision="year",
        sectors=("Robotics", "Artificial intelligence"),
        founders=("Brett Adcock",),
        website="https://www.figure.ai",
        rounds=[
            DemoRound(
                round_type="series_b",
                label="Series B",
                status="closed",
                announced_on=datetime.date(2024, 2, 29),
                amount=675 * M,
                reported=Decimal("2.6") * B,
                source="Figure AI Series B announcement",
                quote="Figure raised 675 million dollars in a Series B.",
                valuation_quote="The Series B values Figure at 2.6 billion dollars.",
                participants=(
                    "Microsoft",
                    "OpenAI Startup Fund",
                    "NVIDIA",
                    "Bezos Expeditions",
                    "Parkway Venture Capital",
                    "Intel Capital",
                    "Align Ventures",
                    "ARK Invest",
                ),
                investors_quote="Investors named are Microsoft, the OpenAI Startup Fund, NVIDIA, Bezos "
                "Expeditions, Parkway, Intel Capital, Align Ventures and ARK Invest.",
                complete=True,
            ),
        ],
    ),
    DemoCompany(
        name="Zepto",
        country="IN",
        city="Mumbai",
        description="Quick-commerce grocery delivery in Indian cities.",
        founded_on=datetime.date(2021, 1, 1),
        founded_precision="year",
        sectors=("Quick commerce",),
        founders=("Aadit Palicha", "Kaivalya Vohra"),
        website="https://www.zeptonow.com",
        rounds=[
            DemoRound(
                round_type="series_f",
                label="Series F",
                status="closed",
                announced_on=datetime.date(2024, 6, 21),
                amount=665 * M,
                reported=Decimal("3.6") * B,
                source="Zepto Series F coverage",
                quote="Zepto raised 665 million dollars in a Series F.",
                valuation_quote="The Series F values Zepto at 3.6 billion dollars.",
                co_leads=("Avenir Growth Capital", "Lightspeed Venture Partners"),
                participants=(
                    "Glade Brook Capital Partners",
                    "Nexus Venture Partners",
                    "StepStone Group",
                    "Goodwater Capital",
                ),
                investors_quote="Avenir and Lightspeed led; Glade Brook, Nexus, StepStone and Goodwater also invested.",
            ),
        ],
    ),
    DemoCompany(
        name="Synthesia",
        country="GB",
        city="London",
        description="AI video generation platform for businesses.",
        founded_on=datetime.date(2017, 1, 1),
        founded_precision="year",
        sectors=("Artificial intelligence",),
        founders=("Victor Riparbelli", "Steffen Tjerrild"),
        website="https://www.synthesia.io",
        rounds=[
            DemoRound(
                round_type="series_d",
                label="Series D",
                status="closed",
                announced_on=datetime.date(2025, 1, 15),
                amount=180 * M,
                reported=Decimal("2.1") * B,
                source="Synthesia Series D announcement",
                quote="Synthesia raised 180 million dollars in a Series D.",
                valuation_quote="The Series D values Synthesia at 2.1 billion dollars.",
                leads=("New Enterprise Associates",),
                investors_quote="NEA led the Series D.",
            ),
        ],
    ),
]


def _investor(name: str) -> Investor:
    existing = InvestorName.objects.filter(key=name_key(name)).select_related("investor").first()
    if existing:
        return existing.investor
    kind, country, aliases = INVESTORS[name]
    investor = Investor.objects.create(name=name, kind=kind, country=country)
    for alias in aliases:
        if not InvestorName.objects.filter(key=name_key(alias)).exists():
            InvestorAlias.objects.create(investor=investor, name=alias)
    return investor


def _source(title: str) -> Source:
    publisher, language, published_on, url = SOURCES[title]
    source, _ = Source.objects.get_or_create(
        title=title, defaults={"publisher": publisher, "language": language, "published_on": published_on, "url": url}
    )
    return source


def _round(company: Company, spec: DemoRound) -> None:
    round_, created = FundingRound.objects.get_or_create(
        company=company,
        round_type=spec.round_type,
        announced_on=spec.announced_on,
        defaults={
            "label": spec.label,
            "status": spec.status,
            "announced_precision": spec.precision,
            "amount": spec.amount,
            "currency": spec.currency,
            "target_amount": spec.target,
            "investor_list_complete": spec.complete,
            "use_of_funds": spec.use_of_funds,
        },
    )
    if not created:
        return
    source = _source(spec.source)
    Citation.objects.create(source=source, round=round_, fact="amount" if spec.amount else "round", quote=spec.quote)
    valuation_currency = spec.valuation_currency or spec.currency
    for kind, amount in (("pre_money", spec.pre), ("post_money", spec.post), ("reported", spec.reported)):
        if amount is None:
            continue
        valuation = Valuation.objects.create(
            company=company,
            round=round_,
            kind=kind,
            valued_on=spec.announced_on,
            valued_precision=spec.precision,
            amount=amount,
            currency=valuation_currency,
        )
        Citation.objects.create(source=source, valuation=valuation, fact="valuation", quote=spec.valuation_quote)
    roles = [(n, "lead") for n in spec.leads] + [(n, "co_lead") for n in spec.co_leads]
    roles += [(n, "participant") for n in spec.participants]
    for name, role in roles:
        participation = Participation.objects.create(round=round_, investor=_investor(name), role=role)
        Citation.objects.create(
            source=source, participation=participation, fact="investors", quote=spec.investors_quote
        )


@transaction.atomic
def load_demo() -> dict[str, int]:
    """Create the demo companies, rounds, investors and sources that are not there yet."""
    before = {model.__name__: model.objects.count() for model in (Company, FundingRound, Investor, Source)}
    for spec in COMPANIES:
        company, created = Company.objects.get_or_create(
            name_key=name_key(spec.name),
            defaults={
                "name": spec.name,
                "country": spec.country,
                "city": spec.city,
                "description": spec.description,
                "founded_on": spec.founded_on,
                "founded_precision": spec.founded_precision,
                "website": spec.website,
                "status": spec.status,
            },
        )
        if created:
            for founder in spec.founders:
                Founder.objects.create(company=company, name=founder)
            for sector_name in spec.sectors:
                sector = Sector.objects.filter(name=sector_name).first() or Sector.objects.create(name=sector_name)
                company.sectors.add(sector)
        for round_spec in spec.rounds:
            _round(company, round_spec)
    return {
        name: model.objects.count() - before[name]
        for name, model in (
            ("Company", Company),
            ("FundingRound", FundingRound),
            ("Investor", Investor),
            ("Source", Source),
        )
    }
