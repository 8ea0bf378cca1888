// The words of HR's annual report and its sources, in Dutch and English
// (every key under `annual.`).

export const annualNl = {
  "annual.sources.tab": "Jaarcijfers VP",
  "annual.sources.title": "Jaarcijfers van de vertrouwenspersonen",
  "annual.sources.intro": "De jaarcijfers die een vertrouwenspersoon vrijgaf, voor het jaarverslag van HR. Elk bestand is ondertekend door de vertrouwenspersoon: is er na het ondertekenen een getal veranderd, dan wordt het geweigerd.",
  "annual.sources.fetch": "Vrijgegeven cijfers ophalen",
  "annual.sources.import": "Bestand van een externe vertrouwenspersoon inlezen…",
  "annual.sources.fetched.one": "1 vrijgave ingelezen.",
  "annual.sources.fetched.other": "{n} vrijgaven ingelezen.",
  "annual.sources.new_advisor": "Eerste vrijgave van {advisor}. Vergelijk de sleutel met wat de vertrouwenspersoon u opgeeft: {fingerprint}",
  "annual.sources.empty": "Nog geen jaarcijfers ingelezen.",
  "annual.sources.year": "Jaar",
  "annual.sources.advisor": "Vertrouwenspersoon",
  "annual.sources.cases": "Meldingen",
  "annual.sources.key": "Sleutel",
  "annual.sources.imported": "Ingelezen",
} as const;

export const annualEn: Record<keyof typeof annualNl, string> = {
  "annual.sources.tab": "Advisors' figures",
  "annual.sources.title": "Figures of the confidential advisors",
  "annual.sources.intro": "The figures a confidential advisor released, for HR's annual report. Each file is signed by the advisor: if a number was changed after signing, it is refused.",
  "annual.sources.fetch": "Fetch released figures",
  "annual.sources.import": "Import a file from an external advisor…",
  "annual.sources.fetched.one": "1 release imported.",
  "annual.sources.fetched.other": "{n} releases imported.",
  "annual.sources.new_advisor": "First release of {advisor}. Compare the key with what the advisor tells you: {fingerprint}",
  "annual.sources.empty": "No figures imported yet.",
  "annual.sources.year": "Year",
  "annual.sources.advisor": "Advisor",
  "annual.sources.cases": "Cases",
  "annual.sources.key": "Key",
  "annual.sources.imported": "Imported",
};
