namespace Juicebox.Sandbox.Corpus;

/// <summary>Given names and family names the corpus draws from.</summary>
internal static class NameData
{
    public static readonly string[] FirstNames =
    [
        "Aaliyah", "Aaron", "Abigail", "Adam", "Adaeze", "Adrian", "Ahmed", "Aiko", "Aisha", "Alejandro",
        "Alex", "Alexandra", "Ali", "Alice", "Amara", "Amelia", "Amir", "Ana", "Anders", "Andrea",
        "Andrew", "Ángel", "Anika", "Anna", "Anton", "Arjun", "Astrid", "Ava", "Ayumi", "Beatriz",
        "Benjamin", "Bianca", "Bjorn", "Brandon", "Caleb", "Camila", "Carlos", "Carmen", "Caroline", "Charles",
        "Chen", "Chloe", "Chinedu", "Christopher", "Claire", "Daniel", "Daniela", "David", "Deepika", "Diego",
        "Dmitri", "Elena", "Elif", "Elijah", "Elizabeth", "Emeka", "Emily", "Emma", "Ethan", "Fatima",
        "Felix", "Fernando", "Freya", "Gabriel", "Grace", "Hana", "Hannah", "Hassan", "Henrik", "Hiroshi",
        "Ibrahim", "Ines", "Ingrid", "Isabella", "Ivan", "Jack", "Jacob", "James", "Jasmine", "Javier",
        "Jennifer", "Jessica", "Ji-woo", "Joao", "John", "Jonas", "Jordan", "Jose", "Joseph", "Julia",
        "Kai", "Kavya", "Kenji", "Khalid", "Kofi", "Laila", "Lars", "Laura", "Leila", "Leon",
        "Liam", "Lina", "Lucas", "Lucia", "Luis", "Maria", "Mariam", "Mark", "Marta", "Mateo",
        "Matthew", "Maya", "Mei", "Mia", "Michael", "Miguel", "Min-jun", "Mohammed", "Nadia", "Naomi",
        "Natalia", "Nathan", "Nia", "Nikhil", "Nina", "Noah", "Nora", "Olivia", "Omar", "Oscar",
        "Pablo", "Priya", "Rafael", "Rahul", "Rania", "Rebecca", "Ricardo", "Rohan", "Rosa", "Ryan",
        "Sakura", "Samantha", "Samuel", "Santiago", "Sara", "Sebastian", "Sergei", "Shreya", "Sofia", "Sophie",
        "Stefan", "Sunita", "Takeshi", "Tariq", "Thomas", "Tobias", "Valentina", "Vikram", "Wei", "William",
        "Xin", "Yara", "Yusuf", "Zainab", "Zara", "Zoe",
    ];

    public static readonly string[] LastNames =
    [
        "Abe", "Adeyemi", "Ahmed", "Alvarez", "Andersen", "Anderson", "Bakker", "Banerjee", "Becker", "Bianchi",
        "Brown", "Campbell", "Castillo", "Chen", "Cho", "Clark", "Costa", "Cruz", "Dubois", "Davis",
        "Diaz", "Dimitrov", "Eriksson", "Evans", "Fernandes", "Fischer", "Fontaine", "Garcia", "Gomez", "Gonzalez",
        "Gupta", "Haddad", "Hansen", "Harris", "Hernandez", "Hoffmann", "Hughes", "Ibrahim", "Ito", "Ivanova",
        "Jackson", "Jansen", "Johansson", "Johnson", "Jones", "Kang", "Kapoor", "Kim", "King", "Kowalski",
        "Kumar", "Larsen", "Laurent", "Lee", "Lewis", "Li", "Lindqvist", "Liu", "Lopez", "Martin",
        "Martinez", "Mehta", "Mendes", "Meyer", "Miller", "Mohamed", "Moore", "Moreau", "Morales", "Murphy",
        "Nakamura", "Nguyen", "Nielsen", "Novak", "Nowak", "Nwosu", "O'Brien", "Okafor", "Oliveira", "Olsen",
        "Ortiz", "Osei", "Park", "Patel", "Pereira", "Petrov", "Popescu", "Rahman", "Ramirez", "Reddy",
        "Reyes", "Richter", "Rivera", "Roberts", "Rodriguez", "Romano", "Rossi", "Russo", "Saito", "Sanchez",
        "Santos", "Schmidt", "Schneider", "Sharma", "Silva", "Singh", "Smith", "Sokolov", "Suzuki", "Tanaka",
        "Taylor", "Thomas", "Thompson", "Torres", "Tran", "Van Dijk", "Vargas", "Volkov", "Wagner", "Walker",
        "Wang", "Watanabe", "Weber", "White", "Williams", "Wilson", "Wong", "Wu", "Yamamoto", "Yang",
        "Yilmaz", "Young", "Zhang", "Zhao", "Zimmermann",
    ];
}
