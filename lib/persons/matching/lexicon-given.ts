/**
 * Men's given names (women's are in lexicon-female.ts), one line per name: `key | Arabic
 * spellings | Latin spellings`. The key is the canonical comparison form; Latin spellings are matched after `lightFoldLatin` (case, accents,
 * apostrophes), so list every spelling that differs in letters. Names that differ only in a
 * vowel or a doubled letter (Jamil/Jamal, Amer/Ammar, Said/Saad) are separate lines on purpose.
 */
export const GIVEN_NAMES = `
muhammad | محمد | Muhammad Mohammad Mohammed Mohamed Mohamad Muhamad Muhammed Mohammod Mouhammad Mouhamad Mhd Mohd Mohamd Mohammd Mehmet Muhamed Mohamud
ahmad | أحمد احمد | Ahmad Ahmed Ahmet Ahmd
mahmud | محمود | Mahmoud Mahmud Mahmood Mahmut Mahmod
mustafa | مصطفى | Mustafa Moustafa Mostafa Mustapha Mostapha Moustapha Mustafah
ali | علي | Ali Aly Alee Aliy
alaa | علاء | Alaa Alaa Alaa Ala Alae Alaaa
husain | حسين | Hussein Husein Hussain Husain Husayn Hossein Houssein Hussien Hosein Husseyn Houssain Hossain Hussin
hasan | حسن | Hasan Hassan Hasen Hassen Hasson
ibrahim | إبراهيم ابراهيم | Ibrahim Ebrahim Ibraheem Brahim Ibrahem Ibraim Ebraheem
ismail | إسماعيل اسماعيل اسمعيل | Ismail Ismael Ismaeel Esmail Ismaiel Smail Ismaeil Esmaeel Ismayil
yusuf | يوسف | Youssef Yousef Yusuf Yousif Yusef Youssof Yossef Yousuf Yosef Youcef Yussef Yousseph Josef
isa | عيسى | Issa Isa Eissa Eisa Aissa Essa Eesa
musa | موسى | Moussa Musa Mousa Mussa Mosa Mouça
khalid | خالد | Khaled Khalid Khaleed Khalled Khaled Khalad
khalil | خليل | Khalil Khaleel Khelil Khallil
jamil | جميل | Jamil Jameel Gamil Djamil Jamiel Gameel
jamal | جمال | Jamal Gamal Djamal Jamel Jamaal Gamel
said | سعيد | Said Saeed Saaid Saied Sayeed Saeid Saiid Saaed
saad | سعد | Saad Saad Saadd Sad
amir | أمير امير | Amir Ameer Emir Ameer
amer | عامر | Amer Aamer Aamir Aamer
ammar | عمار | Ammar Amar Ammaar
umar | عمر | Omar Umar Omer Umer Omar
uthman | عثمان | Othman Uthman Osman Usman Othmane Outhman Ousman
abbas | عباس | Abbas Abas Abbass
adnan | عدنان | Adnan Adnane
ayman | أيمن ايمن | Ayman Aymen Eyman Aiman
bassam | بسام | Bassam Basam Bassem
bashar | بشار | Bashar Bachar Bashshar Bachchar
basil | باسل | Basel Basil Bassel Baasel Basile
fadi | فادي | Fadi Fady Fadee
fuad | فؤاد | Fouad Fuad Fouaad Foad Fuaad
ghassan | غسان | Ghassan Ghasan Ghassane
hadi | هادي | Hadi Hady Hadee
haitham | هيثم | Haitham Haytham Heitham Haysam Haisam
hamza | حمزة | Hamza Hamzah Hamzeh Hamze
hani | هاني | Hani Hany Hanee
husam | حسام | Hussam Husam Hossam Houssam Hosam
imad | عماد | Imad Emad Imaad Aimad
issam | عصام | Issam Essam Isam Esam
jabir | جابر | Jaber Jabir Jaaber Djaber Gaber
kamal | كمال | Kamal Kamaal Kemal
kamil | كامل | Kamel Kamil Kaamel
karim | كريم | Karim Kareem Kerim Karem
luay | لؤي | Louay Luay Louai Loay Lu'ay Luai
mazin | مازن | Mazen Mazin Maazen
majd | مجد | Majd Magd
majid | ماجد | Majed Majid Maged Maajed
mahir | ماهر | Maher Mahir Maaher
malik | مالك | Malek Malik Maalek Malick
mansur | منصور | Mansour Mansur Mansoor Mansor
marwan | مروان | Marwan Marouane Marwane Merwan
muhsin | محسن | Mohsen Muhsin Mohsin Muhsen
munir | منير | Munir Mounir Muneer Monir
nabil | نبيل | Nabil Nabeel Nabile
nadir | نادر | Nader Nadir Naader
naji | ناجي | Naji Nagi Naaji Nagy
nasir | ناصر | Nasser Nasir Naser Nacer Nassir
nizar | نزار | Nizar Nezar Nizzar
nur | نور | Nour Nur Noor Nuor
kasim | قاسم | Qasim Kassem Kasim Qassem Kasem Qasem Gassem
rami | رامي | Rami Ramy Ramee
riyad | رياض | Riad Riyad Riyadh Riadh Reyad
samir | سمير | Samir Sameer Semir Samire
samer | سامر | Samer Sammer Saamer
sami | سامي | Sami Samy Samee
salim | سليم | Salim Selim Saleem Slim
salem | سالم | Salem Saalem
hafiz | حافظ | Hafez Hafiz Hafedh Hafiz
salman | سلمان | Salman Selman Salmane
sulaiman | سليمان | Suleiman Sulaiman Sulayman Soliman Slieman Sleiman Souleiman Suliman Sleman Soleiman Suleyman
shadi | شادي | Shadi Chadi Shady Shaadi
tarik | طارق | Tarek Tariq Tarik Tareq Taric
wail | وائل | Wael Wail Wa'el Waiel
walid | وليد | Walid Waleed Oualid Walide
wasim | وسيم | Wassim Waseem Wasim Wassem Ouassim
yasir | ياسر | Yasser Yasir Yaser Yassir Yacer
yahya | يحيى | Yahya Yehia Yahia Yehya Yihya
zahir | ظاهر زاهر | Zaher Zahir Dhaher Thaher Zaaher
ziyad | زياد | Ziad Ziyad Zyad Ziyaad Ziade
zakariya | زكريا | Zakaria Zakariya Zakariyya Zakaria Zakarya Zakkaria
ayham | أيهم ايهم | Ayham Aiham Eyham
ghaith | غيث | Ghaith Ghayth Ghaieth Ghaiss
habib | حبيب | Habib Habeeb Hbib
hamid | حامد | Hamed Hamid Haamed
hamdan | حمدان | Hamdan Hamdane
hatim | حاتم | Hatem Hatim Haatem
iyad | إياد اياد | Iyad Eyad Eyyad Iyyad
jihad | جهاد | Jihad Jehad Gihad
jawad | جواد | Jawad Jawwad Jaouad Jouad
muhannad | مهند | Muhannad Mohannad Mohanad Muhanad Mouhannad
nidal | نضال | Nidal Nedal Nidhal
raid | رائد | Raed Raid Ra'ed Rayed
rabi | ربيع | Rabih Rabie Rabee Rabi Rabea
salih | صالح | Saleh Salih Saaleh
salah | صلاح | Salah Salaah Slah
talal | طلال | Talal Talaal
tamir | تامر | Tamer Tamir Taamer
taha | طه | Taha Taaha
yazan | يزن | Yazan Yazen
fawwaz | فواز | Fawaz Fawwaz Fauaz
firas | فراس | Firas Feras Firass Ferass
hazim | حازم | Hazem Hazim Haazem
mahdi | مهدي | Mahdi Mehdi Mahdy
munzir | منذر | Munzir Monzer Munther Monther Mundhir Mounzer
rida | رضا | Rida Reda Ridha Redha Rhida
safwan | صفوان | Safwan Safouane Safwane
tawfik | توفيق | Tawfik Tawfiq Toufik Tofik Tawfeek Toufic
yasin | ياسين | Yasin Yassin Yaseen Yassine Yacine
zuhair | زهير | Zuhair Zouhair Zuhayr Zoheir Zouheir Zuheir
anas | أنس انس | Anas Annas
ayyub | أيوب ايوب | Ayoub Ayyub Ayub Ayyoub Eyup
bilal | بلال | Bilal Belal Bilaal
dawud | داود داوود | Daoud Dawud Dawood Daood Dawoud Daud Daoued
ilyas | إلياس الياس | Elias Ilyas Ilias Elyas Elias Iliyas
faisal | فيصل | Faisal Faysal Fayssal Feisal
faris | فارس | Fares Faris Farès Faaris
fahd | فهد | Fahd Fahad Fahed
fayiz | فايز فائز | Fayez Fayiz Faiz Faez
ghazi | غازي | Ghazi Ghazy
hilal | هلال | Hilal Helal
jalal | جلال | Jalal Galal Jalaal
jafar | جعفر | Jafar Jaafar Ja'far Jaffar
mamduh | ممدوح | Mamdouh Mamduh Mamdooh
mutaz | معتز | Moataz Mutaz Mu'taz Motaz Moutaz Muetaz
muayyad | مؤيد | Muayad Moayad Muayyad Mouayad Moayyad
muwaffak | موفق | Mowafaq Muwaffaq Mouwafak Muwafaq Mowafak
naim | نعيم | Naim Naeem Naïm Naeim
najib | نجيب | Najib Najeeb Nagib Nageeb
kais | قيس | Qais Kais Qays Kays Gais
rashid | رشيد راشد | Rashid Rachid Rasheed Rashed
rafik | رفيق | Rafik Rafiq Rafeeq Rafic
saif | سيف | Saif Sayf Seif Sayef Saef
sharif | شريف | Sharif Cherif Shareef Charif
thair | ثائر | Thaer Thair Tha'er Thayer Saer
usama | أسامة اسامه اسامة | Osama Usama Ousama Oussama Osamah Usamah
wisam | وسام | Wissam Wisam Wesam Wessam Ouissam
yaman | يامن | Yamen Yamin Yaman
yunus | يونس | Younes Yunus Younis Younus Yunis Younès
zain | زين | Zain Zein Zayn Zaine
abdallah | عبدالله | Abdullah Abdallah Abdalla Abdulla Abdellah Abdollah Abdoulah Abdulah Abdalah Abdelah Abdoullah
aws | أوس اوس | Aws Aous Ous Aus
ghadir | غدير | Ghadir Ghadeer
akram | أكرم اكرم | Akram Akrem
amjad | أمجد امجد | Amjad Amgad
ashraf | أشرف اشرف | Ashraf Achraf
ayad | عياد | Ayyad
badr | بدر | Badr Bader Badre
bakr | بكر | Bakr Bakir Baker
darwish | درويش | Darwish Darwich Derwish
diya | ضياء | Diaa Diya Dia Dhiya Diyaa Dhia
fadil | فاضل | Fadel Fadil Fadhel Fadhil
fakhri | فخري | Fakhri Fakhry
ghanim | غانم | Ghanem Ghanim Ghaanem
haidar | حيدر | Haidar Haydar Hayder Heidar Haider Haidare Heydar Hydar Haïdar
hisham | هشام | Hisham Hicham Hesham Hishaam
ihab | إيهاب ايهاب | Ihab Ehab Iehab
jud | جود | Joud Jud
kinan | كنان | Kinan Kenan Kinaan
maan | معن | Maan Ma'an
maamun | مأمون مامون | Mamoun Mamun Maamoun Ma'moun
mazhar | مظهر | Mazhar Mazher
mujahid | مجاهد | Mujahid Mojahed Moujahed Mujahed
muin | معين | Moein Muin Mouin Moeen
murad | مراد | Murad Mourad Morad
mutasim | معتصم | Mutasim Moatasem Mutasem Moutasem
nasim | نسيم | Nasim Naseem Nassim
nawwaf | نواف | Nawaf Nawwaf
omran | عمران | Omran Imran Emran Umran
raif | رائف | Raif Raef Ra'if
ramiz | رامز | Ramez Ramiz
shukri | شكري | Shukri Shoukri Choukri Shokri
subhi | صبحي | Subhi Sobhi Soubhi Sobhy
wafik | وفيق | Wafik Wafiq Wafeeq
wahid | وحيد | Wahid Waheed
yusri | يسري | Yusri Yousri Yosri Yusry
zuhdi | زهدي | Zuhdi Zouhdi Zohdi
zulfikar | ذوالفقار | Zulfiqar Zulfikar Zulfaqar Dhulfiqar Dhualfiqar Zualfiqar Dhoulfikar Thulfiqar Zulfukar
jurj | جورج | George Georges Jorj Georgi Jurj
hanna | حنا | Hanna Hannah
butrus | بطرس | Boutros Butrus Botros Petros Boutrous
jirjis | جرجس | Jirjis Gerges Girgis Jerjes Guirguis Girgess
milad | ميلاد | Milad Miled Meelad Milade
`;
