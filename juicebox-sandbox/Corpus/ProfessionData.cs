namespace Juicebox.Sandbox.Corpus;

/// <summary>The professions of the corpus.</summary>
internal static class ProfessionData
{
    public static readonly string[] Seniorities = ["", "Senior ", "Staff ", "Lead ", "Principal "];

    public static readonly Profession[] All =
    [
        new(
            "Engineering",
            true,
            ["Software Engineer", "Backend Engineer", "Frontend Engineer", "Full Stack Engineer", "Site Reliability Engineer", "Mobile Engineer", "Platform Engineer", "Security Engineer"],
            ["C#", ".NET", "Java", "Kotlin", "Go", "Rust", "Python", "TypeScript", "JavaScript", "React", "Node.js", "Kubernetes", "Docker", "AWS", "Azure", "Google Cloud", "PostgreSQL", "Redis", "Kafka", "gRPC", "Distributed Systems", "Microservices", "Terraform", "Linux", "Swift", "GraphQL"],
            ["Computer Science", "Software Engineering", "Electrical Engineering", "Mathematics"],
            ["Building reliable distributed systems", "I turn coffee into well-tested code", "Shipping fast, resilient backends", "Cloud-native engineer who loves clean APIs", "Making the web faster one release at a time", "Infrastructure, automation and on-call sanity"],
            ["Designed and built services handling millions of requests per day", "Led the migration from a monolith to microservices", "Cut p99 latency by 40% through caching and query tuning", "Owned the CI/CD pipeline and release tooling", "Mentored junior engineers and ran design reviews"]),
        new(
            "Data",
            true,
            ["Data Scientist", "Data Engineer", "Machine Learning Engineer", "Data Analyst", "Analytics Engineer", "Research Scientist"],
            ["Python", "SQL", "Machine Learning", "Deep Learning", "PyTorch", "TensorFlow", "Spark", "Airflow", "dbt", "Snowflake", "Statistics", "Pandas", "scikit-learn", "NLP", "Computer Vision", "Tableau", "A/B Testing", "LLMs", "Databricks", "R"],
            ["Computer Science", "Statistics", "Mathematics", "Physics", "Data Science"],
            ["Turning messy data into decisions", "Machine learning in production, not just notebooks", "Data platforms that people actually trust", "Applied ML for search and ranking", "Curious about causality and experiments"],
            ["Built the company-wide experimentation platform", "Trained and deployed ranking models serving live traffic", "Designed the data warehouse and its dbt models", "Reduced pipeline costs by a third with incremental loads", "Partnered with product on metrics and forecasting"]),
        new(
            "Product",
            true,
            ["Product Manager", "Technical Product Manager", "Product Owner", "Group Product Manager"],
            ["Product Strategy", "Roadmapping", "User Research", "Agile", "Scrum", "Jira", "SQL", "A/B Testing", "Go-to-Market", "Stakeholder Management", "Analytics", "Prioritization", "B2B SaaS"],
            ["Business Administration", "Computer Science", "Economics", "Psychology"],
            ["Building products customers love", "Product leader for B2B SaaS", "From discovery to delivery", "Bridging users, data and engineering", "Obsessed with the customer problem"],
            ["Launched a self-serve onboarding flow that doubled activation", "Owned the roadmap for the core platform", "Ran discovery interviews with over a hundred customers", "Defined pricing and packaging for the enterprise tier", "Grew weekly active users by 60% year over year"]),
        new(
            "Design",
            true,
            ["Product Designer", "UX Designer", "UI Designer", "UX Researcher", "Design Manager"],
            ["Figma", "Sketch", "Prototyping", "User Research", "Interaction Design", "Design Systems", "Accessibility", "Usability Testing", "Wireframing", "Visual Design", "Adobe Creative Suite"],
            ["Graphic Design", "Human-Computer Interaction", "Psychology", "Fine Arts"],
            ["Designing calm, accessible software", "Design systems and the people who use them", "Research-led product design", "Making complex workflows simple", "Pixels with purpose"],
            ["Created and maintained the company design system", "Redesigned checkout and lifted conversion by 12%", "Ran usability studies every sprint", "Led accessibility audits and remediation", "Partnered with engineering on interaction details"]),
        new(
            "Sales",
            true,
            ["Account Executive", "Sales Development Representative", "Enterprise Account Executive", "Sales Manager", "Solutions Engineer"],
            ["Salesforce", "HubSpot", "Negotiation", "Prospecting", "Cold Calling", "SaaS Sales", "Enterprise Sales", "Account Management", "Pipeline Management", "MEDDIC", "Closing"],
            ["Business Administration", "Marketing", "Economics", "Communications"],
            ["Helping teams buy software they love", "Enterprise sales with a consultative approach", "Quota crusher and relationship builder", "Building pipeline from scratch", "Trusted advisor to technical buyers"],
            ["Exceeded annual quota three years running", "Opened the EMEA enterprise segment", "Built the outbound playbook for the SDR team", "Closed the largest deal in company history", "Managed a book of 40 strategic accounts"]),
        new(
            "Marketing",
            true,
            ["Marketing Manager", "Growth Marketer", "Content Strategist", "Product Marketing Manager", "SEO Specialist", "Brand Manager"],
            ["SEO", "SEM", "Content Marketing", "Google Analytics", "Marketing Automation", "HubSpot", "Copywriting", "Email Marketing", "Social Media", "Brand Strategy", "Demand Generation", "Growth Hacking"],
            ["Marketing", "Communications", "Journalism", "Business Administration"],
            ["Storyteller for technical products", "Growth marketing that compounds", "Building brands people remember", "Content, community and demand generation", "Data-driven marketer"],
            ["Grew organic traffic fivefold in two years", "Launched three products from positioning to press", "Built the lifecycle email program", "Ran paid acquisition across search and social", "Led the rebrand and new website"]),
        new(
            "People",
            true,
            ["Recruiter", "Technical Recruiter", "Talent Acquisition Partner", "HR Business Partner", "People Operations Manager"],
            ["Recruiting", "Sourcing", "Talent Acquisition", "Employer Branding", "Interviewing", "Onboarding", "Employee Relations", "Compensation", "Greenhouse", "Workday", "Diversity and Inclusion"],
            ["Psychology", "Human Resources", "Sociology", "Business Administration"],
            ["Connecting great people with great teams", "Technical recruiting with empathy", "Building inclusive hiring processes", "People operations for fast-growing startups", "Sourcing the hard-to-find"],
            ["Hired over 80 engineers in a single year", "Designed a structured interview process", "Built the employer brand and careers site", "Rolled out a new performance review cycle", "Reduced time to hire from 45 to 28 days"]),
        new(
            "Finance",
            true,
            ["Financial Analyst", "Accountant", "Controller", "FP&A Manager", "Finance Manager"],
            ["Financial Modeling", "Excel", "Forecasting", "Budgeting", "GAAP", "IFRS", "NetSuite", "SAP", "Valuation", "Accounting", "Corporate Finance", "Audit"],
            ["Finance", "Accounting", "Economics", "Mathematics"],
            ["Finance partner for growing companies", "Numbers that tell a story", "FP&A, forecasting and planning", "Making month-end close boring", "Strategic finance and operations"],
            ["Built the three-statement operating model", "Shortened the monthly close from ten days to four", "Led budgeting across six departments", "Prepared board and investor reporting", "Supported the Series B fundraising process"]),
        new(
            "Operations",
            true,
            ["Operations Manager", "Program Manager", "Project Manager", "Supply Chain Manager", "Business Operations Analyst"],
            ["Project Management", "Operations", "Process Improvement", "Lean Six Sigma", "Supply Chain", "Logistics", "Vendor Management", "Excel", "Asana", "PMP", "Change Management"],
            ["Industrial Engineering", "Business Administration", "Operations Research", "Economics"],
            ["Making complex programs run smoothly", "Operations that scale", "Process, people and predictability", "Supply chain problem solver", "Getting things done across teams"],
            ["Ran cross-functional programs spanning five teams", "Cut fulfilment costs by 18% through vendor consolidation", "Introduced OKRs and quarterly planning", "Managed the rollout of a new ERP system", "Built dashboards for operational metrics"]),
        new(
            "Customer Success",
            true,
            ["Customer Success Manager", "Support Engineer", "Technical Account Manager", "Customer Support Specialist", "Implementation Consultant"],
            ["Customer Success", "Customer Support", "Zendesk", "Onboarding", "Account Management", "Churn Reduction", "SQL", "Troubleshooting", "Gainsight", "Training"],
            ["Communications", "Business Administration", "Psychology", "Information Systems"],
            ["Helping customers get real value", "Support engineering with a smile", "Reducing churn one account at a time", "Turning customers into advocates", "Implementation and onboarding specialist"],
            ["Managed a portfolio of 60 mid-market accounts", "Raised net revenue retention to 118%", "Built the support knowledge base", "Led onboarding for enterprise customers", "Cut first response time in half"]),
        new(
            "Leadership",
            false,
            ["Engineering Manager", "Director of Engineering", "VP of Engineering", "Chief Technology Officer", "Head of Product", "Chief Executive Officer", "Founder"],
            ["Leadership", "Team Building", "Strategy", "Hiring", "Mentoring", "Fundraising", "Budgeting", "Engineering Management", "Product Strategy", "Public Speaking", "Distributed Systems"],
            ["Computer Science", "Business Administration", "Electrical Engineering", "Economics"],
            ["Building teams that build great products", "Engineering leader, former IC", "Founder, operator, builder", "Scaling organizations from 10 to 200", "Leading with clarity and kindness"],
            ["Grew the engineering organization from 12 to 90 people", "Set technical strategy and architecture direction", "Raised seed and Series A funding", "Introduced career ladders and promotion processes", "Owned a budget of several million dollars"]),
    ];
}
