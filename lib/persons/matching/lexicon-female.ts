/** Women's given names, in the format of `GIVEN_NAMES` (lexicon-given.ts). */
export const FEMALE_NAMES = `
fatima | فاطمة | Fatima Fatma Fatimah Fatmeh Fatemeh Fatme Fatmah Fadma
zainab | زينب | Zainab Zaynab Zeinab Zeynab Zainub
maryam | مريم | Maryam Mariam Meryem Mariem Miriam Maryem
aisha | عائشة عايشة | Aisha Aysha Aicha Aishah Ayesha Aischa Aishe
khadija | خديجة | Khadija Khadijah Khadeeja Khadije Khadijeh Khedija
laila | ليلى ليلي | Layla Leila Laila Leyla Lyla Leila Laylah
rasha | رشا | Rasha Racha Rashaa
hala | هالة | Hala Halah Haleh
huda | هدى | Huda Houda Hoda Hudaa
rana | رنا | Rana Ranaa
rim | ريم | Reem Rim Riim
sana | سناء | Sanaa Sana Sanaa'
samira | سميرة | Samira Sameera Samirah
suad | سعاد | Suad Souad Soad Soaad
amal | أمل امل | Amal Amel
asma | أسماء اسماء | Asma Asmaa Esma
ghada | غادة | Ghada Ghadah
hanan | حنان | Hanan Hanane
hiba | هبة | Hiba Heba Hibah Hebah
iman | إيمان ايمان | Iman Eman Imane Emane Iiman
lina | لينا | Lina Leena Lena
lubna | لبنى | Lubna Loubna Lobna
maha | مها | Maha Mahaa
manal | منال | Manal Manel
muna | منى | Mona Muna Mouna
nada | ندى | Nada Nadaa Neda
nadia | نادية ناديا | Nadia Nadiya Nadya Nadiah
najwa | نجوى | Najwa Nagwa Najoua
rima | ريما | Rima Reema
rula | رلى رولا | Rula Roula Rola
sahar | سحر | Sahar Sahr
salwa | سلوى | Salwa Salwaa Salua
samar | سمر | Samar
suha | سهى | Suha Souha Soha
wafa | وفاء | Wafa Wafaa Wafae
widad | وداد | Widad Wedad Ouidad
yasmin | ياسمين | Yasmin Yasmine Yasmeen Jasmin Yasemin
zahra | زهراء زهرة | Zahra Zahraa Zehra Zahrah
razan | رزان | Razan Razane
lama | لمى | Lama Lamaa
dima | ديما | Dima Deema
rawan | روان | Rawan Rawane
bushra | بشرى | Bushra Boushra Bochra
ruqaya | رقية | Ruqaya Roqaya Rukaya Ruqayya Roukaya
hind | هند | Hind Hend
nisrin | نسرين | Nisreen Nisrine Nesrine Nesreen Nisrin
ula | | Ola Ula Oula
siham | سهام | Siham Seham Sihem
nawal | نوال | Nawal Naoual Nawel
sausan | سوسن | Sawsan Sausan Sawsen Sousan
ibtisam | ابتسام | Ibtisam Ebtisam Ibtissam Ebtessam
kawthar | كوثر | Kawthar Kawsar Kaouther Kauthar Kawther
sabah | صباح | Sabah Sabbah Sabaah
zaina | زينة | Zeina Zaina Zeinah Zayna
batul | بتول | Batoul Batul Batool
shahd | شهد | Shahd Shahed Chahd
tasnim | تسنيم | Tasnim Tasneem Tesnim
nahla | نهلة | Nahla Nahlah
ilham | إلهام الهام | Ilham Elham Ilhem
ulfat | ألفت الفت | Olfat Ulfat Olfet
rahaf | رهف | Rahaf
sidra | سدرة | Sidra Sedra
ghufran | غفران | Ghufran Ghofran Ghoufrane
jana | جنى | Jana Janaa
haya | هيا | Haya Hayaa
mayada | ميادة | Mayada Mayyada Mayadah
aya | آية اية | Aya Ayah Aaya Aia
`;
