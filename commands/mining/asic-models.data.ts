// Bundled SHA-256 ASIC presets, copied from shared/data/asic-models.json (sources per entry).
// Nameplate tolerance is typically ±3 % hashrate and ±5 % power.

/** One ASIC model's nameplate figures. */
export interface AsicModel {
  id: string;
  name: string;
  vendor: string;
  hashrateThs: number;
  powerW: number;
  efficiencyJth: number;
  released: number;
  confidence: 'high' | 'medium' | 'low';
  source: string;
}

export const ASIC_MODELS: readonly AsicModel[] = [
  {"id": "s19", "name": "Antminer S19", "vendor": "Bitmain", "hashrateThs": 95, "powerW": 3250, "efficiencyJth": 34.2, "released": 2020, "confidence": "high", "source": "miningstore.com Antminer S19-series guide"},
  {"id": "s19pro", "name": "Antminer S19 Pro", "vendor": "Bitmain", "hashrateThs": 110, "powerW": 3250, "efficiencyJth": 29.5, "released": 2020, "confidence": "high", "source": "miningstore.com S19-series guide; Glassnode ASIC reference; buybtc123.com field test (110 TH/s ±3 %, 3,250 W ±5 %)"},
  {"id": "s19jpro-96", "name": "Antminer S19j Pro (96 TH/s)", "vendor": "Bitmain", "hashrateThs": 96, "powerW": 2832, "efficiencyJth": 29.5, "released": 2021, "confidence": "high", "source": "miningstore.com S19-series guide; secondary spec lists (d-central.tech ASIC data; GitHub nhamilton1/asics-tools, cyberlais/bit-cube.new)"},
  {"id": "s19jpro", "name": "Antminer S19j Pro (100 TH/s)", "vendor": "Bitmain", "hashrateThs": 100, "powerW": 3050, "efficiencyJth": 30.5, "released": 2021, "confidence": "high", "source": "miningstore.com S19-series guide; secondary spec lists (d-central.tech ASIC data; GitHub nhamilton1/asics-tools, cyberlais/bit-cube.new)"},
  {"id": "s19jpro-104", "name": "Antminer S19j Pro (104 TH/s)", "vendor": "Bitmain", "hashrateThs": 104, "powerW": 3068, "efficiencyJth": 29.5, "released": 2021, "confidence": "high", "source": "miningstore.com S19-series guide (lists 3,082 W); secondary spec lists (d-central.tech ASIC data; GitHub nhamilton1/asics-tools, cyberlais/bit-cube.new) (3,068 W)"},
  {"id": "s19kpro", "name": "Antminer S19k Pro", "vendor": "Bitmain", "hashrateThs": 120, "powerW": 2760, "efficiencyJth": 23.0, "released": 2023, "confidence": "medium", "source": "secondary spec lists (d-central.tech ASIC data; GitHub nhamilton1/asics-tools, cyberlais/bit-cube.new)"},
  {"id": "s19xp", "name": "Antminer S19 XP", "vendor": "Bitmain", "hashrateThs": 140, "powerW": 3010, "efficiencyJth": 21.5, "released": 2022, "confidence": "high", "source": "miningstore.com S19 XP article (Bitmain announcement figures)"},
  {"id": "s19xphyd", "name": "Antminer S19 XP Hyd", "vendor": "Bitmain", "hashrateThs": 255, "powerW": 5304, "efficiencyJth": 20.8, "released": 2022, "confidence": "high", "source": "Glassnode ASIC fleet reference (studio.glassnode.com)"},
  {"id": "s21", "name": "Antminer S21", "vendor": "Bitmain", "hashrateThs": 200, "powerW": 3500, "efficiencyJth": 17.5, "released": 2023, "confidence": "high", "source": "Bitmain figures quoted in a HackerNoon S21 review; lincoin.com docs"},
  {"id": "s21plus", "name": "Antminer S21+", "vendor": "Bitmain", "hashrateThs": 216, "powerW": 3564, "efficiencyJth": 16.5, "released": 2024, "confidence": "medium", "source": "retailer product pages (e.g. btcminermarketplace.com)"},
  {"id": "s21pro", "name": "Antminer S21 Pro", "vendor": "Bitmain", "hashrateThs": 234, "powerW": 3510, "efficiencyJth": 15.0, "released": 2024, "confidence": "medium", "source": "product/profitability pages (3,510–3,531 W)"},
  {"id": "s21plushyd", "name": "Antminer S21+ Hyd", "vendor": "Bitmain", "hashrateThs": 319, "powerW": 4785, "efficiencyJth": 15.0, "released": 2024, "confidence": "medium", "source": "product page (top-crypto-mining-asics.com)"},
  {"id": "s21xp", "name": "Antminer S21 XP", "vendor": "Bitmain", "hashrateThs": 270, "powerW": 3645, "efficiencyJth": 13.5, "released": 2024, "confidence": "high", "source": "Bitmain spec sheet reproduced by btcminermarketplace.com (270 TH/s ±3 %, 13.5 J/TH ±5 %)"},
  {"id": "s21xphyd", "name": "Antminer S21 XP Hyd", "vendor": "Bitmain", "hashrateThs": 473, "powerW": 5676, "efficiencyJth": 12.0, "released": 2024, "confidence": "low", "source": "power: public dataset (d-central.tech); hashrate: Bitmain launch figure from memory, not re-verified"},
  {"id": "m30splusplus", "name": "Whatsminer M30S++", "vendor": "MicroBT", "hashrateThs": 112, "powerW": 3472, "efficiencyJth": 31.0, "released": 2020, "confidence": "medium", "source": "secondary spec lists (d-central.tech ASIC data; GitHub nhamilton1/asics-tools, cyberlais/bit-cube.new) (106–112 TH/s bins)"},
  {"id": "m50", "name": "Whatsminer M50", "vendor": "MicroBT", "hashrateThs": 118, "powerW": 3422, "efficiencyJth": 29.0, "released": 2022, "confidence": "medium", "source": "secondary spec lists (d-central.tech ASIC data; GitHub nhamilton1/asics-tools, cyberlais/bit-cube.new)"},
  {"id": "m50s", "name": "Whatsminer M50S", "vendor": "MicroBT", "hashrateThs": 126, "powerW": 3276, "efficiencyJth": 26.0, "released": 2022, "confidence": "low", "source": "power: public dataset (d-central.tech); hashrate from memory, not re-verified"},
  {"id": "m50splusplus", "name": "Whatsminer M50S++", "vendor": "MicroBT", "hashrateThs": 140, "powerW": 3080, "efficiencyJth": 22.0, "released": 2022, "confidence": "medium", "source": "secondary spec lists (d-central.tech ASIC data; GitHub nhamilton1/asics-tools, cyberlais/bit-cube.new) (power ≈ 3,080 W)"},
  {"id": "m60", "name": "Whatsminer M60", "vendor": "MicroBT", "hashrateThs": 172, "powerW": 3420, "efficiencyJth": 19.9, "released": 2023, "confidence": "medium", "source": "secondary spec lists (d-central.tech ASIC data; GitHub nhamilton1/asics-tools, cyberlais/bit-cube.new) (170–172 TH/s, ≈ 3,420 W)"},
  {"id": "m60s", "name": "Whatsminer M60S", "vendor": "MicroBT", "hashrateThs": 186, "powerW": 3440, "efficiencyJth": 18.5, "released": 2023, "confidence": "low", "source": "MicroBT launch figures from memory, not re-verified (≈ 3,420–3,440 W)"},
  {"id": "m63s", "name": "Whatsminer M63S (hydro)", "vendor": "MicroBT", "hashrateThs": 390, "powerW": 7215, "efficiencyJth": 18.5, "released": 2023, "confidence": "low", "source": "MicroBT launch figures from memory, not re-verified"},
  {"id": "m66", "name": "Whatsminer M66 (immersion)", "vendor": "MicroBT", "hashrateThs": 282, "powerW": 5612, "efficiencyJth": 19.9, "released": 2023, "confidence": "medium", "source": "secondary spec lists (d-central.tech ASIC data; GitHub nhamilton1/asics-tools, cyberlais/bit-cube.new) (256–282 TH/s, 19.9 J/TH); powerW derived as TH/s × J/TH"},
];
