/**
 * Family names common in Syria, weighted to the coast (Latakia, Tartus, Baniyas, Jableh), in the
 * format of `GIVEN_NAMES`. Many given names are also family names (Haidar, Hassan, Ismail); they
 * are listed once, in GIVEN_NAMES. A leading article (الـ, al-) is not part of the key.
 */
export const FAMILY_NAMES = `
dib | ديب | Deeb Dib Dieb Deib
diab | دياب | Diab Dyab Diyab Dhiab
khaddur | خضور | Khaddour Khaddur Khadour Khadur Khaddoor Khaddor
shaban | شعبان | Shaaban Shaban Chaabane Chaaban Sha'ban Shabaan Shaabane
makhluf | مخلوف | Makhlouf Makhluf Makhlof Makhloof
asad | أسعد اسعد | Asaad As'ad Assaad Asaaad Asa'd
assad | أسد اسد | Assad Al-Assad Alassad
hammud | حمود | Hammoud Hamoud Hammud Hamud Hammod
maruf | معروف | Maarouf Marouf Maaruf Ma'ruf Maaroof
jadid | جديد | Jadid Jdeed Jadeed Jdid
juma | جمعة | Jumaa Jomaa Jouma Juma Joumaa Jum'a Gomaa
kanan | كنعان | Kanaan Kan'an Kanan Kenaan
khayyir | خير | Kheir Khayr Khair Khayyer Kheyr
mayhub | ميهوب | Mayhoub Mayhub Meyhoub
muhanna | مهنا | Mhanna Muhanna Mohanna Mehanna Mouhanna
rustum | رستم | Rustom Rostom Rustum Roustom
shaikh | شيخ | Sheikh Shaikh Cheikh Shaykh Sheik Chaikh
wannus | ونوس | Wannous Wanous Wannus Wannos
haddad | حداد | Haddad Hadad
abbud | عبود | Aboud Abboud Abbud Abud Abood
hamad | حمد | Hamad
muala | معلا | Mualla Moalla Mu'alla Maala Moualla
ghazal | غزال | Ghazal Ghazzal
baddur | بدور | Baddour Badour Baddur
shahin | شاهين | Shahin Shaheen Chahine Chahin Shahine
dahir | ضاهر | Daher Dahir
harb | حرب | Harb
khairbik | خيربك | Kheirbek Khairbek Khayrbek
mahfuz | محفوظ | Mahfouz Mahfuz Mahfooz Mahfoudh
barakat | بركات | Barakat Barakaat
hamwi | حموي | Hamwi Hamawi Hamoui Hamwy
khatib | خطيب | Khatib Khateeb Khatibe
shakir | شاكر | Shaker Shakir Chaker
murshid | مرشد | Murshid Morshed Murshed Mourched
raslan | رسلان | Raslan Reslan Rasslan
ramadan | رمضان | Ramadan Ramadhan Ramazan Ramdane Ramadane
halabi | حلبي | Halabi Halaby Alhalabi
masri | مصري | Masri Masry Misri
sabbagh | صباغ | Sabbagh Sabagh Sabbag
najjar | نجار | Najjar Najar Naggar
attar | عطار | Attar Atar Al-Attar
khayyat | خياط | Khayyat Khayat Khaiyat
shami | شامي | Shami Chami Shamy
hurani | حوراني | Hourani Horani Hurani Hawrani
zubi | زعبي | Zoubi Zubi Zu'bi Zoabi Zuabi
tawil | طويل | Tawil Taweel Touil
kurdi | كردي | Kurdi Kurdy Kordi
salum | سلوم | Salloum Saloum Sallum Salloom
shaar | شعار | Shaar Sha'ar Chaar Shaaar
asfur | عصفور | Asfour Asfur Osfour
ghusn | غصن | Ghosn Ghusn Ghoson Ghusun
haj | حاج | Hajj Haj Hadj Hage
nahhas | نحاس | Nahhas Nahas Nahhass
bitar | بيطار | Bitar Baytar Beitar Bittar
saqr | صقر | Saqr Sakr Saker Sakher Saqer
shalish | شاليش | Shalish Chalich Shaleesh
hilu | حلو | Helou Hilu Hilo Hellou
dakhil | دخيل | Dakhil Dakheel Dakhel
jarad | جراد | Jarad
khuri | خوري | Khoury Khouri Khuri Khory
ramman | رمان | Rumman Romman
tayyar | طيار | Tayyar Tayar
sabra | صبرة | Sabra Sabrah
kassab | قصاب | Qassab Kassab Qasab
hilali | هلالي | Hilali Hilaly Helali
shibli | شبلي | Shibli Chebli Shebli
akkari | عكاري | Akkari Akari
ahmar | أحمر احمر | Ahmar Ahmer
zaitun | زيتون | Zaitoun Zeitoun Zaytoun Zaytun
nasrallah | نصرالله | Nasrallah Nasrallah Nasralla Nasrulla Nasrullah
jaafari | جعفري | Jaafari Jaafary Jafari
suwaidan | سويدان | Suwaidan Swaidan Soueidan Sweidan
izz | عز | Izz Ezz Iz Ez Izz
shams | شمس | Shams Chams
nasr | نصر | Nasr
taj | تاج | Taj Tag Tadj
sharaf | شرف | Sharaf Charaf Sharf
fakhr | فخر | Fakhr Fakher Fakhir
muhi | محي محيي | Muhi Mohi Mouhi Muhyi Mohey Mohie Mohyi
nizam | نظام | Nizam Nezam Nidham
baha | بهاء | Bahaa Baha Bahae
`;

/**
 * Second parts of `Abd …` compounds (عبد الرحمن = Abd al-Rahman, Abdulrahman, Abderrahmane), with
 * the article removed. A compound's key is `abd` + the key here.
 */
export const ABD_PARTS = `
rahman | رحمن | Rahman Rahmane Rehman Rahmen Rahmaan
rahim | رحيم | Rahim Raheem
karim | كريم | Karim Kareem Karem Kerim
aziz | عزيز | Aziz Azeez Azziz
kadir | قادر | Kader Qader Kadir Qadir Kadr Qadr Kaader
latif | لطيف | Latif Lateef Latef
hamid | حميد | Hamid Hameed Hamed
majid | مجيد | Majid Majeed Majed Maged
razzak | رزاق | Razzaq Razak Razzak Razaq Rezzak
ghani | غني | Ghani Ghany Ghanie
salam | سلام | Salam Salaam Slam Selam
wahhab | وهاب | Wahab Wahhab Ouahab
nasir | ناصر | Nasser Nasir Naser Nacer
munim | منعم | Monem Moneim Munim Menem Moneem Mun'im
halim | حليم | Halim Haleem
jalil | جليل | Jalil Jaleel Djalil
rauf | رؤوف رءوف | Raouf Rauf Raoof Ra'uf
ilah | اله | Ilah Elah
hadi | هادي | Hadi Hady
basit | باسط | Basit Basset Baset
fattah | فتاح | Fattah Fatah
hakim | حكيم | Hakim Hakeem
mutalib | مطلب | Muttalib Mutalib Motaleb
muin | معين | Muin Moein Mouin
jabbar | جبار | Jabbar Jabar
kafi | كافي | Kafi Kafy
`;

/** First parts of `… al-Din` compounds (نور الدين = Nour al-Din, Noureddine, Nureddin). */
export const DIN_PARTS = "nur salah saif izz alaa kamal badr shams jamal khayyir nasr taj sharaf fakhr husam imad muhi nizam zain diya baha";
