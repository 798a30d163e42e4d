/** Colour palettes, by the kind of goods they fit: a shop sells laptops in Space Gray, not in Salmon. */
export const TECH = ['Black', 'Black', 'Silver', 'Space Gray', 'White', 'Graphite', 'Midnight Blue', 'Rose Gold', 'Silver', 'Black', 'Sage Green', 'Starlight'];
export const CAR_TECH = ['Black', 'Black', 'Black', 'Gray', 'Silver', 'Gunmetal'];
export const TOOLS = ['Red', 'Black', 'Yellow', 'Orange', 'Blue', 'Black'];
export const APPAREL = [
  'Black', 'White', 'Navy', 'Heather Gray', 'Charcoal', 'Beige', 'Olive', 'Burgundy', 'Cream', 'Khaki', 'Forest Green', 'Dusty Pink',
];
export const OUTERWEAR = ['Black', 'Navy', 'Olive', 'Charcoal', 'Camel', 'Khaki', 'Burgundy', 'Forest Green', 'Stone', 'Rust', 'Black', 'Navy'];
export const SHOES = ['Black', 'Brown', 'White', 'Tan', 'Navy', 'Gray', 'Cognac', 'Beige', 'Black', 'White', 'Olive', 'Burgundy'];
export const HOME = ['White', 'Black', 'Natural', 'Walnut', 'Oak', 'Gray', 'Beige', 'Sage Green', 'Terracotta', 'Navy', 'Charcoal', 'Cream'];
export const COOKWARE = ['Black', 'Silver', 'Red', 'Cream', 'Graphite', 'Navy', 'Sage Green', 'Silver', 'Black', 'Copper', 'White', 'Blue'];
export const APPLIANCES = ['Black', 'Silver', 'White', 'Red', 'Cream', 'Matte Black', 'Sage Green', 'Silver', 'Black', 'White', 'Pastel Blue', 'Copper'];
export const BEDDING = ['White', 'Ivory', 'Light Gray', 'Charcoal', 'Sage', 'Navy', 'Blush', 'Sand', 'White', 'Dusty Blue', 'Terracotta', 'Ivory'];
export const SPORT = ['Black', 'Blue', 'Red', 'Neon Yellow', 'Gray', 'Orange', 'Green', 'White', 'Black', 'Navy', 'Teal', 'Pink'];
export const OUTDOOR = ['Olive', 'Orange', 'Gray', 'Forest Green', 'Blue', 'Red', 'Black', 'Sand', 'Olive', 'Yellow', 'Navy', 'Gray'];
export const TOYS = ['Red', 'Blue', 'Yellow', 'Green', 'Pink', 'Purple', 'Orange', 'Multicolor', 'Multicolor', 'Multicolor', 'Teal', 'Brown'];
export const PET = ['Gray', 'Brown', 'Beige', 'Blue', 'Pink', 'Red', 'Black', 'Green', 'Gray', 'Navy', 'Orange', 'Cream'];
