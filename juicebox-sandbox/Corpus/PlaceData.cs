namespace Juicebox.Sandbox.Corpus;

/// <summary>Locations, schools and the building blocks of company names.</summary>
internal static class PlaceData
{
    public static readonly string[] Locations =
    [
        "San Francisco, California, United States", "New York, New York, United States", "Seattle, Washington, United States",
        "Austin, Texas, United States", "Boston, Massachusetts, United States", "Chicago, Illinois, United States",
        "Los Angeles, California, United States", "Denver, Colorado, United States", "Atlanta, Georgia, United States",
        "Miami, Florida, United States", "Portland, Oregon, United States", "San Diego, California, United States",
        "Washington, District of Columbia, United States", "Raleigh, North Carolina, United States", "Salt Lake City, Utah, United States",
        "Toronto, Ontario, Canada", "Vancouver, British Columbia, Canada", "Montreal, Quebec, Canada",
        "London, England, United Kingdom", "Manchester, England, United Kingdom", "Edinburgh, Scotland, United Kingdom",
        "Dublin, Ireland", "Paris, Île-de-France, France", "Lyon, Auvergne-Rhône-Alpes, France",
        "Berlin, Germany", "Munich, Bavaria, Germany", "Hamburg, Germany", "Amsterdam, North Holland, Netherlands",
        "Rotterdam, South Holland, Netherlands", "Brussels, Belgium", "Zurich, Switzerland", "Geneva, Switzerland",
        "Stockholm, Sweden", "Copenhagen, Denmark", "Oslo, Norway", "Helsinki, Finland",
        "Madrid, Community of Madrid, Spain", "Barcelona, Catalonia, Spain", "Lisbon, Portugal",
        "Milan, Lombardy, Italy", "Rome, Lazio, Italy", "Warsaw, Masovia, Poland", "Prague, Czechia",
        "Vienna, Austria", "Tallinn, Estonia", "Tel Aviv, Israel", "Dubai, United Arab Emirates",
        "Bengaluru, Karnataka, India", "Hyderabad, Telangana, India", "Pune, Maharashtra, India", "Mumbai, Maharashtra, India",
        "Singapore", "Tokyo, Japan", "Osaka, Japan", "Seoul, South Korea", "Shanghai, China", "Shenzhen, Guangdong, China",
        "Hong Kong", "Taipei, Taiwan", "Sydney, New South Wales, Australia", "Melbourne, Victoria, Australia",
        "Auckland, New Zealand", "São Paulo, Brazil", "Rio de Janeiro, Brazil", "Mexico City, Mexico",
        "Buenos Aires, Argentina", "Bogotá, Colombia", "Santiago, Chile", "Lagos, Nigeria", "Nairobi, Kenya",
        "Cape Town, Western Cape, South Africa", "Cairo, Egypt",
    ];

    public static readonly string[] Schools =
    [
        "Stanford University", "Massachusetts Institute of Technology", "University of California, Berkeley",
        "Carnegie Mellon University", "University of Washington", "Georgia Institute of Technology",
        "University of Michigan", "University of Texas at Austin", "Cornell University", "Columbia University",
        "New York University", "University of Illinois Urbana-Champaign", "Harvard University", "Princeton University",
        "University of Toronto", "University of Waterloo", "McGill University", "University of British Columbia",
        "University of Oxford", "University of Cambridge", "Imperial College London", "University College London",
        "University of Edinburgh", "Trinity College Dublin", "ETH Zurich", "EPFL", "Technical University of Munich",
        "Humboldt University of Berlin", "Delft University of Technology", "University of Amsterdam", "KTH Royal Institute of Technology",
        "University of Copenhagen", "Sorbonne University", "École Polytechnique", "HEC Paris", "INSEAD", "Bocconi University",
        "Universidad Complutense de Madrid", "University of Lisbon", "University of Warsaw", "Technion", "Tel Aviv University",
        "Indian Institute of Technology Bombay", "Indian Institute of Technology Delhi", "Indian Institute of Science",
        "National University of Singapore", "Nanyang Technological University", "University of Tokyo", "Kyoto University",
        "Seoul National University", "KAIST", "Tsinghua University", "Peking University", "University of Hong Kong",
        "University of Melbourne", "University of Sydney", "University of São Paulo", "Universidad de Buenos Aires",
        "University of Lagos", "University of Nairobi", "University of Cape Town",
    ];

    public static readonly string[] CompanyStems =
    [
        "Acme", "Aether", "Alder", "Altitude", "Amber", "Apex", "Arbor", "Arcadia", "Atlas", "Aurora",
        "Beacon", "Birch", "Blue Harbor", "Bluepeak", "Brightline", "Cascade", "Cedar", "Cinder", "Clearwater", "Cobalt",
        "Copper", "Crescent", "Crimson", "Delta", "Driftwood", "Ember", "Evergreen", "Falcon", "Fathom", "Fern",
        "Fjord", "Flux", "Foundry", "Granite", "Greenfield", "Halcyon", "Harbor", "Helix", "Horizon", "Indigo",
        "Ironwood", "Juniper", "Keystone", "Kestrel", "Lantern", "Larch", "Lumen", "Magnolia", "Maple", "Meridian",
        "Monarch", "Nimbus", "Northwind", "Nova", "Oakridge", "Onyx", "Orbit", "Pinnacle", "Polaris", "Prism",
        "Quarry", "Quartz", "Redwood", "Ridgeline", "Riverbend", "Saffron", "Sapphire", "Sequoia", "Sierra", "Silverline",
        "Skyward", "Solstice", "Sparrow", "Spruce", "Stonebridge", "Summit", "Tandem", "Tidal", "Timber", "Trellis",
        "Upland", "Vantage", "Vector", "Verdant", "Vertex", "Willow", "Windward", "Zenith", "Zephyr", "Yarrow",
    ];

    public static readonly string[] CompanySuffixes =
    [
        "Labs", "Systems", "Analytics", "Health", "Robotics", "Financial", "Logistics", "Software", "Energy", "Bio",
    ];
}
