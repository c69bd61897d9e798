/**
 * Machine-drafted translations of the default questionnaires into the other languages of the
 * child app (Arabic, Somali, Persian, Tigrinya, Finnish), keyed by the Swedish text. They are
 * marked `machineDraft: true`: a child can answer in every language now, and the central office
 * sees in the editor which texts a person still has to review. Phone numbers stay as in Swedish.
 */
export const DRAFT_LOCALES = ['ar', 'so', 'fa', 'ti', 'fi'] as const;
export type DraftLocale = (typeof DRAFT_LOCALES)[number];

export const MACHINE_DRAFTS: Readonly<Record<string, readonly [ar: string, so: string, fa: string, ti: string, fi: string]>> = {
  // How are things for you?
  "Hur har du det?": ["كيف حالك؟", "Sidee tahay?", "حالت چطور است؟", "ከመይ ኣለኻ?", "Mitä sinulle kuuluu?"],
  // Here are some questions about how things are for you. There are no right or wrong answers. Your social worker reads your answers. Then you talk about them together. You do not have to answer everything.
  "Här kommer några frågor om hur du har det. Det finns inga rätt eller fel svar. Din socialsekreterare läser dina svar. Sedan pratar ni om dem tillsammans. Du behöver inte svara på allt.": ["إليك بعض الأسئلة عن حالك. لا توجد إجابات صحيحة أو خاطئة. يقرأ الأخصائي الاجتماعي إجاباتك. ثم تتحدثان عنها معًا. ليس عليك أن تجيب عن كل شيء.", "Halkan waxaa ku jira su'aalo ku saabsan sida aad tahay. Ma jiraan jawaabo sax ah ama khalad ah. Shaqaalahaaga bulshada ayaa akhrinaya jawaabahaaga. Kadib waad ka wada hadlaysaan. Uma baahnid inaad wax walba ka jawaabto.", "اینجا چند سؤال درباره حال تو هست. جواب درست یا غلط وجود ندارد. مددکار اجتماعی تو جواب‌هایت را می‌خواند. بعد با هم درباره آن‌ها صحبت می‌کنید. لازم نیست به همه سؤال‌ها جواب بدهی.", "እዚኦም ብዛዕባ ኩነታትካ ዝምልከቱ ሕቶታት እዮም። ቅኑዕ ወይ ጌጋ መልሲ የለን። ሰራሕተኛ ማሕበራዊ ጉዳይካ መልስታትካ የንብብ። ድሕሪኡ ብሓባር ትዘራረቡሎም። ንኹሉ ክትምልስ ኣየድልየካን።", "Tässä on kysymyksiä siitä, miten sinulla menee. Oikeita tai vääriä vastauksia ei ole. Sosiaalityöntekijäsi lukee vastauksesi. Sitten puhutte niistä yhdessä. Sinun ei tarvitse vastata kaikkeen."],
  // Home
  "Hemma": ["في البيت", "Guriga", "در خانه", "ኣብ ገዛ", "Kotona"],
  // Do you feel safe where you live?
  "Känner du dig trygg där du bor?": ["هل تشعر بالأمان حيث تعيش؟", "Ma dareentaa nabadgelyo meesha aad ku nooshahay?", "آیا جایی که زندگی می‌کنی احساس امنیت می‌کنی؟", "ኣብቲ እትነብረሉ ቦታ ውሑስ ኮይኑ ይስምዓካ ድዩ?", "Tunnetko olosi turvalliseksi siellä, missä asut?"],
  // Yes
  "Ja": ["نعم", "Haa", "بله", "እወ", "Kyllä"],
  // No
  "Nej": ["لا", "Maya", "نه", "ኣይፋል", "Ei"],
  // Don't know
  "Vet inte": ["لا أعرف", "Ma garanayo", "نمی‌دانم", "ኣይፈልጥን", "En tiedä"],
  // Thank you for telling us. It is not your fault. An adult will get in touch with you soon. Are you in danger right now? Call 112. You can also call BRIS on 116 111. It is free.
  "Tack för att du berättar. Det är inte ditt fel. En vuxen kommer att höra av sig till dig snart. Är du i fara just nu? Ring 112. Du kan också ringa BRIS på 116 111. Det är gratis.": ["شكرًا لأنك أخبرتنا. هذا ليس ذنبك. سيتواصل معك شخص بالغ قريبًا. هل أنت في خطر الآن؟ اتصل بالرقم 112. يمكنك أيضًا الاتصال بـ BRIS على 116 111. المكالمة مجانية.", "Waad ku mahadsan tahay inaad noo sheegtay. Ma aha qaladkaaga. Qof weyn ayaa dhawaan kula soo xiriiri doona. Ma ku jirtaa khatar hadda? Wac 112. Waxaad sidoo kale wici kartaa BRIS 116 111. Waa bilaash.", "ممنون که به ما گفتی. تقصیر تو نیست. یک بزرگسال به زودی با تو تماس می‌گیرد. آیا همین حالا در خطر هستی؟ با 112 تماس بگیر. می‌توانی با BRIS هم به شماره 116 111 تماس بگیری. رایگان است.", "ስለ ዝነገርካና የቐንየልና። ናትካ ጌጋ ኣይኮነን። ሓደ ዓቢ ሰብ ብቕልጡፍ ክረኽበካ እዩ። ሕጂ ኣብ ሓደጋ ዲኻ? ናብ 112 ደውል። ናብ BRIS ኣብ 116 111 እውን ክትድውል ትኽእል ኢኻ። ብነጻ እዩ።", "Kiitos, että kerroit. Se ei ole sinun syysi. Aikuinen ottaa sinuun pian yhteyttä. Oletko vaarassa juuri nyt? Soita 112. Voit myös soittaa BRISille numeroon 116 111. Se on ilmaista."],
  // Is there a grown-up at home you can talk to?
  "Finns det en vuxen hemma som du kan prata med?": ["هل يوجد شخص بالغ في البيت يمكنك التحدث معه؟", "Ma jiraa qof weyn oo guriga jooga oo aad la hadli karto?", "آیا در خانه بزرگسالی هست که بتوانی با او حرف بزنی؟", "ኣብ ገዛ ክትዛረቦ እትኽእል ዓቢ ሰብ ኣሎ ድዩ?", "Onko kotona aikuinen, jolle voit puhua?"],
  // Do you get enough to eat at home?
  "Får du äta dig mätt hemma?": ["هل تأكل حتى تشبع في البيت؟", "Ma heshaa cunto kugu filan guriga?", "آیا در خانه به اندازه کافی غذا می‌خوری؟", "ኣብ ገዛ ክሳብ ትጸግብ ትበልዕ ዶ?", "Saatko kotona tarpeeksi ruokaa?"],
  // Does anyone at home hit you or hurt you?
  "Är det någon hemma som slår dig eller gör dig illa?": ["هل يضربك أحد في البيت أو يؤذيك؟", "Qof guriga jooga ma ku garaacaa ama ma ku dhibaa?", "آیا کسی در خانه تو را می‌زند یا به تو آسیب می‌زند؟", "ኣብ ገዛ ዝወቕዓካ ወይ ዘጉድኣካ ሰብ ኣሎ ድዩ?", "Lyökö tai satuttaako joku kotona sinua?"],
  // Do you see someone in your family you do not live with?
  "Träffar du någon i din familj som du inte bor med?": ["هل تلتقي بأحد من عائلتك لا تعيش معه؟", "Ma aragtaa qof qoyskaaga ka mid ah oo aadan la noolayn?", "آیا کسی از خانواده‌ات را که با او زندگی نمی‌کنی می‌بینی؟", "ካብ ስድራኻ ምስኡ ዘይትነብር ሰብ ትረኽብ ዶ?", "Tapaatko jotakuta perheestäsi, jonka kanssa et asu?"],
  // I live with all my family
  "Jag bor med hela min familj": ["أعيش مع كل عائلتي", "Waxaan la noolahay qoyskayga oo dhan", "با همه خانواده‌ام زندگی می‌کنم", "ምስ ኩሉ ስድራይ እየ ዝነብር", "Asun koko perheeni kanssa"],
  // Do you want to see them more?
  "Vill du träffa dem mer?": ["هل تريد أن تراهم أكثر؟", "Ma rabtaa inaad aragto iyaga in ka badan?", "آیا می‌خواهی آن‌ها را بیشتر ببینی؟", "ንዕኦም ብዝያዳ ክትርኢ ትደሊ ዶ?", "Haluatko tavata heitä enemmän?"],
  // Yes, more
  "Ja, mer": ["نعم، أكثر", "Haa, in ka badan", "بله، بیشتر", "እወ፣ ብዝያዳ", "Kyllä, enemmän"],
  // It is fine as it is
  "Det är bra som det är": ["الوضع جيد كما هو", "Sida ay tahay way fiican tahay", "همین‌طور که هست خوب است", "ከም ዘለዎ ጽቡቕ እዩ", "Hyvä näin"],
  // No, less
  "Nej, mindre": ["لا، أقل", "Maya, in ka yar", "نه، کمتر", "ኣይፋል፣ ብውሑድ", "Ei, vähemmän"],
  // Is there something here you want to talk about when we meet?
  "Vill du prata om något av det här när vi ses?": ["هل هناك شيء هنا تريد أن تتحدث عنه عندما نلتقي؟", "Ma jiraa wax halkan ah oo aad rabto inaad ka hadasho marka aan kulanno?", "آیا اینجا چیزی هست که بخواهی وقتی همدیگر را می‌بینیم درباره‌اش حرف بزنی؟", "ኣብዚ ክንራኸብ ከለና ክትዛረበሉ እትደሊ ነገር ኣሎ ድዩ?", "Onko tässä jotain, mistä haluat puhua, kun tapaamme?"],
  // School
  "Skolan": ["المدرسة", "Dugsiga", "مدرسه", "ቤት ትምህርቲ", "Koulu"],
  // How do you like school?
  "Hur tycker du att det är i skolan?": ["كيف تجد المدرسة؟", "Sidee u aragtaa dugsiga?", "مدرسه را چطور می‌بینی؟", "ቤት ትምህርቲ ከመይ ይመስለካ?", "Millaista koulussa on?"],
  // Bad
  "Dåligt": ["سيئ", "Xun", "بد", "ሕማቕ", "Huonosti"],
  // So-so
  "Sådär": ["عادي", "Dhexdhexaad", "معمولی", "ማእከላይ", "Siltä väliltä"],
  // Good
  "Bra": ["جيد", "Fiican", "خوب", "ጽቡቕ", "Hyvin"],
  // Do you get help with schoolwork when you need it?
  "Får du hjälp med skolarbetet när du behöver?": ["هل تحصل على مساعدة في واجباتك المدرسية عندما تحتاجها؟", "Ma heshaa caawimaad shaqada dugsiga markaad u baahato?", "آیا وقتی لازم داری در درس‌هایت کمک می‌گیری؟", "ኣብ ስራሕ ቤት ትምህርቲ ምስ ዘድልየካ ሓገዝ ትረክብ ዶ?", "Saatko apua koulutehtäviin, kun tarvitset?"],
  // Is there an adult at school you trust?
  "Finns det en vuxen i skolan som du litar på?": ["هل يوجد شخص بالغ في المدرسة تثق به؟", "Ma jiraa qof weyn oo dugsiga jooga oo aad aaminto?", "آیا در مدرسه بزرگسالی هست که به او اعتماد داری؟", "ኣብ ቤት ትምህርቲ እትኣምኖ ዓቢ ሰብ ኣሎ ድዩ?", "Onko koulussa aikuinen, johon luotat?"],
  // Does anyone bully you?
  "Är det någon som mobbar dig?": ["هل يتنمّر عليك أحد؟", "Qof ma ku cagajugleeyaa?", "آیا کسی تو را آزار و اذیت می‌کند؟", "ዘጸቕጠካ ወይ ዘሸግረካ ሰብ ኣሎ ድዩ?", "Kiusaako joku sinua?"],
  // Sometimes
  "Ibland": ["أحيانًا", "Mararka qaar", "گاهی", "ሓሓሊፉ", "Joskus"],
  // Yes, every day
  "Ja, varje dag": ["نعم، كل يوم", "Haa, maalin kasta", "بله، هر روز", "እወ፣ መዓልቲ መዓልቲ", "Kyllä, joka päivä"],
  // Thank you for telling us. Nobody should be bullied. An adult will get in touch with you soon. You can also call BRIS on 116 111. It is free.
  "Tack för att du berättar. Ingen ska behöva bli mobbad. En vuxen kommer att höra av sig till dig snart. Du kan också ringa BRIS på 116 111. Det är gratis.": ["شكرًا لأنك أخبرتنا. لا يجب أن يتعرض أحد للتنمر. سيتواصل معك شخص بالغ قريبًا. يمكنك أيضًا الاتصال بـ BRIS على 116 111. المكالمة مجانية.", "Waad ku mahadsan tahay inaad noo sheegtay. Qofna waa inaan la cagajuglayn. Qof weyn ayaa dhawaan kula soo xiriiri doona. Waxaad sidoo kale wici kartaa BRIS 116 111. Waa bilaash.", "ممنون که به ما گفتی. هیچ‌کس نباید آزار ببیند. یک بزرگسال به زودی با تو تماس می‌گیرد. می‌توانی با BRIS هم به شماره 116 111 تماس بگیری. رایگان است.", "ስለ ዝነገርካና የቐንየልና። ዝኾነ ሰብ ክጽቀጥ የብሉን። ሓደ ዓቢ ሰብ ብቕልጡፍ ክረኽበካ እዩ። ናብ BRIS ኣብ 116 111 እውን ክትድውል ትኽእል ኢኻ። ብነጻ እዩ።", "Kiitos, että kerroit. Ketään ei saa kiusata. Aikuinen ottaa sinuun pian yhteyttä. Voit myös soittaa BRISille numeroon 116 111. Se on ilmaista."],
  // Free time
  "Fritiden": ["وقت الفراغ", "Waqtiga firaaqada", "اوقات فراغت", "ግዜ ዕረፍቲ", "Vapaa-aika"],
  // Do you have a friend?
  "Har du en kompis?": ["هل لديك صديق؟", "Saaxiib ma leedahay?", "آیا دوست داری؟", "ዓርኪ ኣለካ ዶ?", "Onko sinulla kaveri?"],
  // What do you like doing?
  "Vad tycker du om att göra?": ["ماذا تحب أن تفعل؟", "Maxaad jeceshahay inaad samayso?", "دوست داری چه کار کنی؟", "እንታይ ክትገብር ትፈቱ?", "Mitä tykkäät tehdä?"],
  // Playing outside
  "Leka ute": ["اللعب في الخارج", "Ka ciyaarid bannaanka", "بازی در بیرون", "ኣብ ደገ ምጽዋት", "Leikkiä ulkona"],
  // Sports
  "Sport": ["الرياضة", "Ciyaaraha", "ورزش", "ስፖርት", "Urheilu"],
  // Playing games
  "Spela spel": ["ممارسة الألعاب", "Ciyaarista ciyaaraha", "بازی کردن", "ጸወታታት ምጽዋት", "Pelaaminen"],
  // Drawing or crafts
  "Rita eller pyssla": ["الرسم أو الأشغال اليدوية", "Sawir ama farshaxan", "نقاشی یا کاردستی", "ስእሊ ወይ ኢደ ጥበብ", "Piirtäminen tai askartelu"],
  // Being with friends
  "Vara med kompisar": ["البقاء مع الأصدقاء", "La joogid saaxiibada", "بودن با دوستان", "ምስ ኣዕሩኽ ምዃን", "Olla kavereiden kanssa"],
  // How you feel
  "Hur du mår": ["كيف تشعر", "Sida aad dareemayso", "حال تو", "ከመይ ይስምዓካ", "Miltä sinusta tuntuu"],
  // How do you feel?
  "Hur mår du?": ["كيف تشعر؟", "Sidee dareemaysaa?", "حالت چطور است؟", "ከመይ ይስምዓካ?", "Miten voit?"],
  // Are you sad?
  "Är du ledsen?": ["هل أنت حزين؟", "Ma murugaysan tahay?", "آیا غمگینی؟", "ትጉሂ ዶ?", "Oletko surullinen?"],
  // No, almost never
  "Nej, nästan aldrig": ["لا، تقريبًا أبدًا", "Maya, ku dhawaad weligay", "نه، تقریباً هرگز", "ኣይፋል፣ ዳርጋ ፈጺመ", "En, tuskin koskaan"],
  // Yes, often
  "Ja, ofta": ["نعم، كثيرًا", "Haa, marar badan", "بله، اغلب", "እወ፣ ብዙሕ ግዜ", "Kyllä, usein"],
  // Social services
  "Socialtjänsten": ["الخدمات الاجتماعية", "Adeegyada bulshada", "خدمات اجتماعی", "ማሕበራዊ ኣገልግሎት", "Sosiaalipalvelut"],
  // Do you know who your social worker is?
  "Vet du vem din socialsekreterare är?": ["هل تعرف من هو الأخصائي الاجتماعي الخاص بك؟", "Ma taqaannaa cidda uu yahay shaqaalahaaga bulshada?", "آیا می‌دانی مددکار اجتماعی‌ات کیست؟", "ሰራሕተኛ ማሕበራዊ ጉዳይካ መን ምዃኑ ትፈልጥ ዶ?", "Tiedätkö, kuka sosiaalityöntekijäsi on?"],
  // Does your social worker listen to you?
  "Lyssnar din socialsekreterare på dig?": ["هل يستمع إليك الأخصائي الاجتماعي؟", "Shaqaalahaaga bulshada ma ku dhageystaa?", "آیا مددکار اجتماعی‌ات به حرف‌هایت گوش می‌دهد؟", "ሰራሕተኛ ማሕበራዊ ጉዳይካ ይሰምዓካ ዶ?", "Kuunteleeko sosiaalityöntekijäsi sinua?"],
  // About the questions
  "Om frågorna": ["عن الأسئلة", "Ku saabsan su'aalaha", "درباره سؤال‌ها", "ብዛዕባ እቶም ሕቶታት", "Kysymyksistä"],
  // Were the questions easy to understand?
  "Var frågorna lätta att förstå?": ["هل كانت الأسئلة سهلة الفهم؟", "Su'aaluhu ma ahaayeen kuwo fudud in la fahmo?", "آیا فهمیدن سؤال‌ها آسان بود؟", "እቶም ሕቶታት ንምርዳእ ቀሊላት ነይሮም ዶ?", "Olivatko kysymykset helppoja ymmärtää?"],
  // No, they were hard
  "Nej, de var svåra": ["لا، كانت صعبة", "Maya, way adkaayeen", "نه، سخت بودند", "ኣይፋል፣ ከቢዶም ነይሮም", "Ei, ne olivat vaikeita"],
  // Some were hard
  "Några var svåra": ["بعضها كان صعبًا", "Qaar baa adkaa", "بعضی سخت بودند", "ገሊኦም ከቢዶም ነይሮም", "Jotkut olivat vaikeita"],
  // Yes, they were easy
  "Ja, de var lätta": ["نعم، كانت سهلة", "Haa, way fududaayeen", "بله، آسان بودند", "እወ፣ ቀሊላት ነይሮም", "Kyllä, ne olivat helppoja"],
  // Is there anything else you want to talk about when we meet?
  "Är det något mer du vill prata om när vi ses?": ["هل هناك أي شيء آخر تريد أن تتحدث عنه عندما نلتقي؟", "Ma jiraa wax kale oo aad rabto inaad ka hadasho marka aan kulanno?", "آیا چیز دیگری هست که بخواهی وقتی همدیگر را می‌بینیم درباره‌اش حرف بزنی؟", "ክንራኸብ ከለና ክትዛረበሉ እትደሊ ካልእ ነገር ኣሎ ድዩ?", "Onko vielä jotain muuta, mistä haluat puhua, kun tapaamme?"],
  // The questions are about how things are for you at home, at school, in your free time and with social services. Your social worker reads your answers and goes through them with you. Your answers are also counted together with other answers, without your name. This helps social services get better. You can skip questions. If an answer makes us worried about you, an adult will get in touch at once.
  "Frågorna handlar om hur du har det hemma, i skolan, på fritiden och med socialtjänsten. Din socialsekreterare läser dina svar och går igenom dem med dig. Svaren räknas också ihop med andras svar, utan ditt namn. Det hjälper socialtjänsten att bli bättre. Du kan hoppa över frågor. Om ett svar gör oss oroliga för dig hör en vuxen av sig direkt.": ["الأسئلة تدور حول حالك في البيت وفي المدرسة وفي وقت فراغك ومع الخدمات الاجتماعية. يقرأ الأخصائي الاجتماعي إجاباتك ويراجعها معك. تُحسب إجاباتك أيضًا مع إجابات أخرى، بدون اسمك. هذا يساعد الخدمات الاجتماعية على التحسن. يمكنك تخطي الأسئلة. إذا جعلتنا إجابة ما نقلق عليك، سيتواصل معك شخص بالغ فورًا.", "Su'aaluhu waxay ku saabsan yihiin sida aad tahay guriga, dugsiga, waqtigaaga firaaqada iyo adeegyada bulshada. Shaqaalahaaga bulshada ayaa akhriya jawaabahaaga oo kula eega. Jawaabahaaga waxaa sidoo kale lagu tiriyaa jawaabo kale, magacaaga la'aantiis. Tani waxay ka caawisaa adeegyada bulshada inay fiicnaadaan. Waad ka boodi kartaa su'aalaha. Haddii jawaab naga welwelisay, qof weyn ayaa isla markiiba kula soo xiriiri doona.", "سؤال‌ها درباره حال تو در خانه، در مدرسه، در اوقات فراغت و با خدمات اجتماعی است. مددکار اجتماعی‌ات جواب‌هایت را می‌خواند و با تو مرور می‌کند. جواب‌هایت همراه با جواب‌های دیگر و بدون نام تو شمرده می‌شوند. این به بهتر شدن خدمات اجتماعی کمک می‌کند. می‌توانی از سؤال‌ها رد شوی. اگر جوابی ما را نگران تو کند، یک بزرگسال فوراً با تو تماس می‌گیرد.", "እቶም ሕቶታት ብዛዕባ ኩነታትካ ኣብ ገዛ፣ ኣብ ቤት ትምህርቲ፣ ኣብ ግዜ ዕረፍትኻን ምስ ማሕበራዊ ኣገልግሎትን እዮም። ሰራሕተኛ ማሕበራዊ ጉዳይካ መልስታትካ የንብብን ምሳኻ ይርእዮን። መልስታትካ ብዘይ ስምካ ምስ ካልኦት መልስታት ይቑጸሩ። እዚ ንማሕበራዊ ኣገልግሎት ንኽመሓየሽ ይሕግዝ። ሕቶታት ክትሰግር ትኽእል ኢኻ። ሓደ መልሲ እንተ ኣሻቕሉና፣ ሓደ ዓቢ ሰብ ብቕጽበት ክረኽበካ እዩ።", "Kysymykset koskevat sitä, miten sinulla menee kotona, koulussa, vapaa-ajalla ja sosiaalipalveluiden kanssa. Sosiaalityöntekijäsi lukee vastauksesi ja käy ne läpi kanssasi. Vastauksesi lasketaan myös yhteen muiden vastausten kanssa ilman nimeäsi. Se auttaa sosiaalipalveluita kehittymään. Voit ohittaa kysymyksiä. Jos jokin vastaus saa meidät huolestumaan sinusta, aikuinen ottaa sinuun heti yhteyttä."],
  // Thank you for telling us. It is not your fault. An adult will get in touch with you soon. Are you in danger right now? Call 112. You can also talk to BRIS on 116 111. It is free and you can stay anonymous.
  "Tack för att du berättar. Det är inte ditt fel. En vuxen kommer att höra av sig till dig snart. Är du i fara just nu? Ring 112. Du kan också prata med BRIS på 116 111. Det är gratis och du kan vara anonym.": ["شكرًا لأنك أخبرتنا. هذا ليس ذنبك. سيتواصل معك شخص بالغ قريبًا. هل أنت في خطر الآن؟ اتصل بالرقم 112. يمكنك أيضًا التحدث مع BRIS على 116 111. المكالمة مجانية ويمكنك عدم ذكر اسمك.", "Waad ku mahadsan tahay inaad noo sheegtay. Ma aha qaladkaaga. Qof weyn ayaa dhawaan kula soo xiriiri doona. Ma ku jirtaa khatar hadda? Wac 112. Waxaad sidoo kale la hadli kartaa BRIS 116 111. Waa bilaash, magacaagana uma baahnid inaad sheegto.", "ممنون که به ما گفتی. تقصیر تو نیست. یک بزرگسال به زودی با تو تماس می‌گیرد. آیا همین حالا در خطر هستی؟ با 112 تماس بگیر. می‌توانی با BRIS هم به شماره 116 111 صحبت کنی. رایگان است و می‌توانی ناشناس بمانی.", "ስለ ዝነገርካና የቐንየልና። ናትካ ጌጋ ኣይኮነን። ሓደ ዓቢ ሰብ ብቕልጡፍ ክረኽበካ እዩ። ሕጂ ኣብ ሓደጋ ዲኻ? ናብ 112 ደውል። ምስ BRIS ኣብ 116 111 እውን ክትዛረብ ትኽእል ኢኻ። ብነጻ እዩ፣ ስምካ ከይገለጽካ ድማ ክትዛረብ ትኽእል።", "Kiitos, että kerroit. Se ei ole sinun syysi. Aikuinen ottaa sinuun pian yhteyttä. Oletko vaarassa juuri nyt? Soita 112. Voit myös puhua BRISin kanssa numerossa 116 111. Se on ilmaista, ja voit pysyä nimettömänä."],
  // There is an adult at home I can talk to.
  "Det finns en vuxen hemma som jag kan prata med.": ["يوجد شخص بالغ في البيت يمكنني التحدث معه.", "Guriga waxaa joogo qof weyn oo aan la hadli karo.", "در خانه بزرگسالی هست که می‌توانم با او حرف بزنم.", "ኣብ ገዛ ክዛረቦ እኽእል ዓቢ ሰብ ኣሎ።", "Kotona on aikuinen, jolle voin puhua."],
  // Not true at all
  "Stämmer inte alls": ["غير صحيح أبدًا", "Gabi ahaanba run maaha", "اصلاً درست نیست", "ፈጺሙ ሓቂ ኣይኮነን", "Ei pidä lainkaan paikkaansa"],
  // Not really true
  "Stämmer inte så bra": ["غير صحيح تمامًا", "Run ma aha si fiican", "چندان درست نیست", "ብዙሕ ሓቂ ኣይኮነን", "Ei oikein pidä paikkaansa"],
  // Partly true
  "Stämmer delvis": ["صحيح جزئيًا", "Qayb ahaan waa run", "تا حدی درست است", "ብኽፋል ሓቂ እዩ", "Pitää osittain paikkansa"],
  // Mostly true
  "Stämmer ganska bra": ["صحيح في الغالب", "Inta badan waa run", "بیشتر درست است", "መብዛሕትኡ ሓቂ እዩ", "Pitää melko hyvin paikkansa"],
  // Completely true
  "Stämmer helt": ["صحيح تمامًا", "Gebi ahaanba waa run", "کاملاً درست است", "ምሉእ ብምሉእ ሓቂ እዩ", "Pitää täysin paikkansa"],
  // Do you get enough food at home?
  "Får du tillräckligt med mat hemma?": ["هل تحصل على ما يكفي من الطعام في البيت؟", "Ma heshaa cunto ku filan guriga?", "آیا در خانه به اندازه کافی غذا داری؟", "ኣብ ገዛ እኹል መግቢ ትረክብ ዶ?", "Saatko kotona tarpeeksi ruokaa?"],
  // How often can you sleep in peace at home?
  "Hur ofta kan du sova i lugn och ro hemma?": ["كم مرة يمكنك النوم بهدوء في البيت؟", "Intee jeer ayaad si nabad ah ugu seexan kartaa guriga?", "چند وقت یک بار می‌توانی در خانه با آرامش بخوابی؟", "ክንደይ ግዜ ኣብ ገዛ ብሰላም ክትድቅስ ትኽእል?", "Kuinka usein saat nukkua kotona rauhassa?"],
  // Never
  "Aldrig": ["أبدًا", "Weligay", "هرگز", "ፈጺሙ", "Ei koskaan"],
  // Rarely
  "Sällan": ["نادرًا", "Dhif", "به ندرت", "ሳሕቲ", "Harvoin"],
  // Often
  "Ofta": ["غالبًا", "Marar badan", "اغلب", "ብዙሕ ግዜ", "Usein"],
  // Always
  "Alltid": ["دائمًا", "Had iyo jeer", "همیشه", "ኩሉ ግዜ", "Aina"],
  // I understand the rules at home.
  "Jag förstår reglerna hemma.": ["أفهم القواعد في البيت.", "Waan fahmaa sharciyada guriga.", "قوانین خانه را می‌فهمم.", "ሕግታት ገዛ ይርድኣኒ እዩ።", "Ymmärrän kodin säännöt."],
  // How often do the adults at home argue?
  "Hur ofta bråkar de vuxna hemma?": ["كم مرة يتشاجر الكبار في البيت؟", "Intee jeer ayay dadka waaweyn ee guriga ku murmaan?", "بزرگسالان خانه چند وقت یک بار دعوا می‌کنند؟", "ኣብ ገዛ ዘለዉ ዓበይቲ ክንደይ ግዜ ይባኣሱ?", "Kuinka usein kotisi aikuiset riitelevät?"],
  // Does anyone at home hit or hurt someone?
  "Händer det att någon hemma slår eller gör illa någon?": ["هل يضرب أحد في البيت شخصًا ما أو يؤذيه؟", "Qof guriga jooga ma garaacaa ama ma dhibaa qof kale?", "آیا کسی در خانه کسی را می‌زند یا به او آسیب می‌زند؟", "ኣብ ገዛ ንሓደ ሰብ ዝወቕዕ ወይ ዘጉድእ ኣሎ ድዩ?", "Lyökö tai satuttaako joku kotona jotakuta?"],
  // Yes, me
  "Ja, mig": ["نعم، أنا", "Haa, aniga", "بله، من", "እወ፣ ኣነ", "Kyllä, minua"],
  // Yes, someone else at home
  "Ja, någon annan hemma": ["نعم، شخص آخر في البيت", "Haa, qof kale oo guriga jooga", "بله، کس دیگری در خانه", "እወ፣ ካልእ ሰብ ኣብ ገዛ", "Kyllä, jotakuta muuta kotona"],
  // Are you in touch with someone in your family you do not live with?
  "Har du kontakt med någon i familjen som du inte bor med?": ["هل أنت على تواصل مع أحد من عائلتك لا تعيش معه؟", "Ma la xiriirtaa qof qoyskaaga ka mid ah oo aadan la noolayn?", "آیا با کسی از خانواده‌ات که با او زندگی نمی‌کنی در تماس هستی؟", "ምስ ካብ ስድራኻ ምስኡ ዘይትነብር ሰብ ርክብ ኣለካ ዶ?", "Oletko yhteydessä johonkin perheestäsi, jonka kanssa et asu?"],
  // Do you want more or less contact with them?
  "Vill du ha mer eller mindre kontakt med dem?": ["هل تريد تواصلًا أكثر أو أقل معهم؟", "Ma rabtaa xiriir badan ama yar oo aad la leedahay iyaga?", "آیا می‌خواهی با آن‌ها بیشتر یا کمتر در تماس باشی؟", "ምስኦም ዝያዳ ወይ ዝወሓደ ርክብ ትደሊ ዶ?", "Haluatko enemmän vai vähemmän yhteyttä heihin?"],
  // More
  "Mer": ["أكثر", "In ka badan", "بیشتر", "ዝያዳ", "Enemmän"],
  // Less
  "Mindre": ["أقل", "In ka yar", "کمتر", "ዝወሓደ", "Vähemmän"],
  // How do you like school?
  "Hur trivs du i skolan?": ["هل تحب المدرسة؟", "Ma ku faraxsan tahay dugsiga?", "آیا در مدرسه راحتی؟", "ኣብ ቤት ትምህርቲ ይምችወካ ዶ?", "Viihdytkö koulussa?"],
  // Very bad
  "Mycket dåligt": ["سيئ جدًا", "Aad u xun", "خیلی بد", "ኣዝዩ ሕማቕ", "Erittäin huonosti"],
  // Quite bad
  "Ganska dåligt": ["سيئ إلى حد ما", "Xoogaa xun", "نسبتاً بد", "ብመጠኑ ሕማቕ", "Melko huonosti"],
  // Neither good nor bad
  "Varken bra eller dåligt": ["لا جيد ولا سيئ", "Fiican ma aha, xunna ma aha", "نه خوب نه بد", "ጽቡቕ ኮነ ሕማቕ ኣይኮነን", "Ei hyvin eikä huonosti"],
  // Quite good
  "Ganska bra": ["جيد إلى حد ما", "Xoogaa fiican", "نسبتاً خوب", "ብመጠኑ ጽቡቕ", "Melko hyvin"],
  // Very good
  "Mycket bra": ["جيد جدًا", "Aad u fiican", "خیلی خوب", "ኣዝዩ ጽቡቕ", "Erittäin hyvin"],
  // I get help with schoolwork when I need it.
  "Jag får hjälp med skolarbetet när jag behöver det.": ["أحصل على مساعدة في واجباتي المدرسية عندما أحتاجها.", "Waxaan helaa caawimaad shaqada dugsiga markaan u baahdo.", "وقتی لازم دارم در درس‌هایم کمک می‌گیرم.", "ምስ ዘድልየኒ ኣብ ስራሕ ቤት ትምህርቲ ሓገዝ እረክብ።", "Saan apua koulutehtäviin, kun tarvitsen."],
  // What would help you at school?
  "Vad skulle hjälpa dig i skolan?": ["ما الذي يمكن أن يساعدك في المدرسة؟", "Maxaa kaa caawin lahaa dugsiga?", "چه چیزی در مدرسه به تو کمک می‌کند؟", "ኣብ ቤት ትምህርቲ እንታይ ምሓገዘካ?", "Mikä auttaisi sinua koulussa?"],
  // More time with the teacher
  "Mer tid med läraren": ["وقت أكثر مع المعلم", "Waqti badan oo macallinka la joogo", "وقت بیشتر با معلم", "ምስ መምህር ዝያዳ ግዜ", "Enemmän aikaa opettajan kanssa"],
  // Homework help
  "Läxhjälp": ["مساعدة في الواجبات", "Caawimaad casharrada guriga", "کمک در تکالیف", "ሓገዝ ዕዮ ገዛ", "Läksyapu"],
  // A quiet place to study
  "En lugn plats att plugga på": ["مكان هادئ للدراسة", "Meel xasilloon oo wax lagu barto", "جای آرام برای درس خواندن", "ንምምሃር ህዱእ ቦታ", "Rauhallinen paikka opiskella"],
  // Help with the language
  "Hjälp med språket": ["مساعدة في اللغة", "Caawimaad luqadda", "کمک در زبان", "ሓገዝ ቋንቋ", "Apua kielen kanssa"],
  // Something else
  "Något annat": ["شيء آخر", "Wax kale", "چیز دیگر", "ካልእ ነገር", "Jokin muu"],
  // Are you bullied, at school or online?
  "Blir du mobbad, i skolan eller på nätet?": ["هل تتعرض للتنمر في المدرسة أو على الإنترنت؟", "Ma lagu cagajugleeyaa dugsiga ama internetka?", "آیا در مدرسه یا در اینترنت آزار می‌بینی؟", "ኣብ ቤት ትምህርቲ ወይ ኣብ ኢንተርነት ትጽቀጥ ዶ?", "Kiusataanko sinua koulussa tai netissä?"],
  // Yes, now and then
  "Ja, någon gång": ["نعم، من حين لآخر", "Haa, mar mar", "بله، گاه‌گاهی", "እወ፣ ሓሓሊፉ", "Kyllä, silloin tällöin"],
  // Yes, every week
  "Ja, varje vecka": ["نعم، كل أسبوع", "Haa, toddobaad kasta", "بله، هر هفته", "እወ፣ ሰሙን ሰሙን", "Kyllä, joka viikko"],
  // Thank you for telling us. Nobody should be bullied. An adult will get in touch with you soon. You can also talk to BRIS on 116 111. It is free and you can stay anonymous.
  "Tack för att du berättar. Ingen ska behöva bli mobbad. En vuxen kommer att höra av sig till dig snart. Du kan också prata med BRIS på 116 111. Det är gratis och du kan vara anonym.": ["شكرًا لأنك أخبرتنا. لا يجب أن يتعرض أحد للتنمر. سيتواصل معك شخص بالغ قريبًا. يمكنك أيضًا التحدث مع BRIS على 116 111. المكالمة مجانية ويمكنك عدم ذكر اسمك.", "Waad ku mahadsan tahay inaad noo sheegtay. Qofna waa inaan la cagajuglayn. Qof weyn ayaa dhawaan kula soo xiriiri doona. Waxaad sidoo kale la hadli kartaa BRIS 116 111. Waa bilaash, magacaagana uma baahnid inaad sheegto.", "ممنون که به ما گفتی. هیچ‌کس نباید آزار ببیند. یک بزرگسال به زودی با تو تماس می‌گیرد. می‌توانی با BRIS هم به شماره 116 111 صحبت کنی. رایگان است و می‌توانی ناشناس بمانی.", "ስለ ዝነገርካና የቐንየልና። ዝኾነ ሰብ ክጽቀጥ የብሉን። ሓደ ዓቢ ሰብ ብቕልጡፍ ክረኽበካ እዩ። ምስ BRIS ኣብ 116 111 እውን ክትዛረብ ትኽእል ኢኻ። ብነጻ እዩ፣ ስምካ ከይገለጽካ ድማ ክትዛረብ ትኽእል።", "Kiitos, että kerroit. Ketään ei saa kiusata. Aikuinen ottaa sinuun pian yhteyttä. Voit myös puhua BRISin kanssa numerossa 116 111. Se on ilmaista, ja voit pysyä nimettömänä."],
  // What do you do in your free time?
  "Vad gör du på fritiden?": ["ماذا تفعل في وقت فراغك؟", "Maxaad samaysaa waqtigaaga firaaqada?", "در اوقات فراغت چه کار می‌کنی؟", "ኣብ ግዜ ዕረፍትኻ እንታይ ትገብር?", "Mitä teet vapaa-ajallasi?"],
  // Sports or exercise
  "Sport eller träning": ["رياضة أو تمارين", "Ciyaaro ama jimicsi", "ورزش یا تمرین", "ስፖርት ወይ ምንቅስቓስ", "Urheilua tai liikuntaa"],
  // Music, dance or art
  "Musik, dans eller konst": ["موسيقى أو رقص أو فن", "Muusig, qoob ka ciyaar ama farshaxan", "موسیقی، رقص یا هنر", "ሙዚቃ፣ ሳዕስዒት ወይ ስነ ጥበብ", "Musiikkia, tanssia tai taidetta"],
  // Play games
  "Spelar spel": ["ألعب الألعاب", "Ciyaar ciyaaraha", "بازی می‌کنم", "ጸወታታት እጻወት", "Pelaan pelejä"],
  // Spend time with friends
  "Är med kompisar": ["أقضي الوقت مع الأصدقاء", "Waqti la qaato saaxiibada", "با دوستانم وقت می‌گذرانم", "ምስ ኣዕሩኽ ግዜ የሕልፍ", "Vietän aikaa kavereiden kanssa"],
  // Go to a youth club or association
  "Går till fritidsgård eller förening": ["أذهب إلى نادٍ للشباب أو جمعية", "Aad naadiga dhallinyarada ama urur", "به باشگاه جوانان یا انجمن می‌روم", "ናብ ክለብ መንእሰያት ወይ ማሕበር እኸይድ", "Käyn nuorisotalolla tai yhdistyksessä"],
  // Nothing special
  "Inget särskilt": ["لا شيء خاص", "Waxba gaar ah maaha", "کار خاصی نمی‌کنم", "ፍሉይ ነገር የለን", "En mitään erityistä"],
  // I can do the activities I want to.
  "Jag kan göra de aktiviteter som jag vill.": ["أستطيع ممارسة الأنشطة التي أريدها.", "Waan samayn karaa hawlaha aan doonayo.", "می‌توانم فعالیت‌هایی را که می‌خواهم انجام دهم.", "ዝደልዮ ንጥፈታት ክገብር እኽእል እየ።", "Voin tehdä harrastuksia, joita haluan."],
  // What makes it hard?
  "Vad gör det svårt?": ["ما الذي يجعل ذلك صعبًا؟", "Maxaa adkeeya?", "چه چیزی آن را سخت می‌کند؟", "እንታይ እዩ ዘጸግሞ?", "Mikä tekee sen vaikeaksi?"],
  // It costs too much
  "Det kostar för mycket": ["يكلّف كثيرًا", "Aad buu qaali u yahay", "خیلی گران است", "ብዙሕ ዋጋ ኣለዎ", "Se maksaa liikaa"],
  // It is too far away
  "Det är för långt bort": ["بعيد جدًا", "Aad buu u fog yahay", "خیلی دور است", "ኣዝዩ ርሑቕ እዩ", "Se on liian kaukana"],
  // The adults do not let me
  "Jag får inte för de vuxna": ["الكبار لا يسمحون لي", "Dadka waaweyn ima oggola", "بزرگ‌ترها اجازه نمی‌دهند", "ዓበይቲ ኣይፈቕዱለይን", "Aikuiset eivät anna lupaa"],
  // I have nobody to go with
  "Jag har ingen att gå med": ["ليس لدي أحد أذهب معه", "Ma haysto qof aan la aado", "کسی را ندارم که با او بروم", "ምሳይ ዝኸይድ ሰብ የብለይን", "Minulla ei ole ketään, jonka kanssa mennä"],
  // Do you have a close friend?
  "Har du en nära vän?": ["هل لديك صديق مقرّب؟", "Ma leedahay saaxiib dhow?", "آیا دوست صمیمی داری؟", "ቀረባ ዓርኪ ኣለካ ዶ?", "Onko sinulla läheinen ystävä?"],
  // How many hours a day are you in front of a screen in your free time?
  "Hur många timmar om dagen är du vid en skärm på fritiden?": ["كم ساعة في اليوم تقضي أمام الشاشة في وقت فراغك؟", "Immisa saacadood maalintii ayaad shaashad hortiisa joogtaa waqtigaaga firaaqada?", "در اوقات فراغت روزی چند ساعت جلوی صفحه نمایش هستی؟", "ኣብ ግዜ ዕረፍትኻ መዓልታዊ ክንደይ ሰዓት ኣብ ቅድሚ ስክሪን ትጸንሕ?", "Montako tuntia päivässä olet vapaa-ajallasi ruudun ääressä?"],
  // Less than 2 hours
  "Mindre än 2 timmar": ["أقل من ساعتين", "Wax ka yar 2 saacadood", "کمتر از ۲ ساعت", "ትሕቲ 2 ሰዓት", "Alle 2 tuntia"],
  // 2–4 hours
  "2–4 timmar": ["2–4 ساعات", "2–4 saacadood", "۲ تا ۴ ساعت", "2–4 ሰዓት", "2–4 tuntia"],
  // 4–6 hours
  "4–6 timmar": ["4–6 ساعات", "4–6 saacadood", "۴ تا ۶ ساعت", "4–6 ሰዓት", "4–6 tuntia"],
  // More than 6 hours
  "Mer än 6 timmar": ["أكثر من 6 ساعات", "In ka badan 6 saacadood", "بیشتر از ۶ ساعت", "ልዕሊ 6 ሰዓት", "Yli 6 tuntia"],
  // How often do you feel rested in the morning?
  "Hur ofta känner du dig utvilad på morgonen?": ["كم مرة تشعر بالراحة في الصباح؟", "Intee jeer ayaad dareentaa inaad nasatay subaxdii?", "چند وقت یک بار صبح‌ها احساس می‌کنی خوب استراحت کرده‌ای؟", "ክንደይ ግዜ ንግሆ ዕርፍቲ ከም ዝረኸብካ ይስምዓካ?", "Kuinka usein olet aamulla levännyt?"],
  // Health
  "Hälsa": ["الصحة", "Caafimaadka", "سلامتی", "ጥዕና", "Terveys"],
  // How do you feel in your body?
  "Hur mår du i kroppen?": ["كيف تشعر في جسمك؟", "Sidee dareemaysaa jirkaaga?", "بدنت چه حالی دارد؟", "ኣብ ኣካላትካ ከመይ ይስምዓካ?", "Miten kehosi voi?"],
  // How do you feel in your thoughts and feelings?
  "Hur mår du i dina tankar och känslor?": ["كيف تشعر في أفكارك ومشاعرك؟", "Sidee dareemaysaa fikradahaaga iyo dareenkaaga?", "از نظر فکر و احساس چه حالی داری؟", "ኣብ ሓሳባትካን ስምዒታትካን ከመይ ይስምዓካ?", "Miten voit ajatuksissasi ja tunteissasi?"],
  // How often do you worry about your health?
  "Hur ofta oroar du dig för din hälsa?": ["كم مرة تقلق على صحتك؟", "Intee jeer ayaad ka welwelsan tahay caafimaadkaaga?", "چند وقت یک بار نگران سلامتی‌ات هستی؟", "ክንደይ ግዜ ብዛዕባ ጥዕናኻ ትሻቐል?", "Kuinka usein olet huolissasi terveydestäsi?"],
  // How often do you feel sad?
  "Hur ofta känner du dig ledsen?": ["كم مرة تشعر بالحزن؟", "Intee jeer ayaad dareentaa murugo?", "چند وقت یک بار غمگین می‌شوی؟", "ክንደይ ግዜ ትጉሂ?", "Kuinka usein olet surullinen?"],
  // How often do you feel scared?
  "Hur ofta känner du dig rädd?": ["كم مرة تشعر بالخوف؟", "Intee jeer ayaad dareentaa cabsi?", "چند وقت یک بار می‌ترسی؟", "ክንደይ ግዜ ትፈርሕ?", "Kuinka usein pelkäät?"],
  // Have you hurt yourself, or thought about doing it?
  "Har du skadat dig själv, eller tänkt på att göra det?": ["هل آذيت نفسك، أو فكرت في فعل ذلك؟", "Ma is dhaawacday, mise waad ka fikirtay inaad sidaas samayso?", "آیا به خودت آسیب زده‌ای یا به آن فکر کرده‌ای؟", "ንርእስኻ ኣጉዲእካ ዶ፣ ወይ ክትገብሮ ሓሲብካ ዶ?", "Oletko satuttanut itseäsi tai ajatellut tehdä niin?"],
  // Yes, I have thought about it
  "Ja, jag har tänkt på det": ["نعم، فكرت في ذلك", "Haa, waan ka fikiray", "بله، به آن فکر کرده‌ام", "እወ፣ ሓሲበዮ እየ", "Kyllä, olen ajatellut sitä"],
  // Yes, I have done it
  "Ja, jag har gjort det": ["نعم، فعلت ذلك", "Haa, waan sameeyay", "بله، این کار را کرده‌ام", "እወ፣ ገይረዮ እየ", "Kyllä, olen tehnyt sitä"],
  // Thank you for telling us. You are not alone, and there is help. An adult will get in touch with you soon. If you are in danger right now: call 112. You can also talk to BRIS on 116 111 or the Suicide Line (Självmordslinjen) on 90101. You can stay anonymous.
  "Tack för att du berättar. Du är inte ensam, och det finns hjälp. En vuxen kommer att höra av sig till dig snart. Om du är i fara just nu: ring 112. Du kan också prata med BRIS på 116 111 eller Självmordslinjen på 90101. Du kan vara anonym.": ["شكرًا لأنك أخبرتنا. أنت لست وحدك، وهناك مساعدة. سيتواصل معك شخص بالغ قريبًا. إذا كنت في خطر الآن: اتصل بالرقم 112. يمكنك أيضًا التحدث مع BRIS على 116 111 أو مع خط منع الانتحار (Självmordslinjen) على 90101. يمكنك عدم ذكر اسمك.", "Waad ku mahadsan tahay inaad noo sheegtay. Keligaa ma tihid, caawimaadna waa jirtaa. Qof weyn ayaa dhawaan kula soo xiriiri doona. Haddii aad hadda khatar ku jirto: wac 112. Waxaad sidoo kale la hadli kartaa BRIS 116 111 ama Khadka Ka-hortagga Isdilka (Självmordslinjen) 90101. Magacaaga uma baahnid inaad sheegto.", "ممنون که به ما گفتی. تو تنها نیستی و کمک وجود دارد. یک بزرگسال به زودی با تو تماس می‌گیرد. اگر همین حالا در خطر هستی: با 112 تماس بگیر. می‌توانی با BRIS به شماره 116 111 یا با خط پیشگیری از خودکشی (Självmordslinjen) به شماره 90101 هم صحبت کنی. می‌توانی ناشناس بمانی.", "ስለ ዝነገርካና የቐንየልና። ንበይንኻ ኣይኮንካን፣ ሓገዝ ድማ ኣሎ። ሓደ ዓቢ ሰብ ብቕልጡፍ ክረኽበካ እዩ። ሕጂ ኣብ ሓደጋ እንተ ዄንካ፦ ናብ 112 ደውል። ምስ BRIS ኣብ 116 111 ወይ ምስ መስመር ምክልኻል ርእሰ-ቕትለት (Självmordslinjen) ኣብ 90101 እውን ክትዛረብ ትኽእል ኢኻ። ስምካ ከይገለጽካ ክትዛረብ ትኽእል።", "Kiitos, että kerroit. Et ole yksin, ja apua on saatavilla. Aikuinen ottaa sinuun pian yhteyttä. Jos olet vaarassa juuri nyt: soita 112. Voit myös puhua BRISin kanssa numerossa 116 111 tai Självmordslinjenin kanssa numerossa 90101. Voit pysyä nimettömänä."],
  // Do you know how to contact your social worker?
  "Vet du hur du får kontakt med din socialsekreterare?": ["هل تعرف كيف تتواصل مع الأخصائي الاجتماعي؟", "Ma taqaannaa sida aad ula xiriirto shaqaalahaaga bulshada?", "آیا می‌دانی چطور با مددکار اجتماعی‌ات تماس بگیری؟", "ንሰራሕተኛ ማሕበራዊ ጉዳይካ ብኸመይ ከም እትረኽቦ ትፈልጥ ዶ?", "Tiedätkö, miten saat yhteyden sosiaalityöntekijääsi?"],
  // Social services listen to me.
  "Socialtjänsten lyssnar på mig.": ["الخدمات الاجتماعية تستمع إليّ.", "Adeegyada bulshada way i dhageystaan.", "خدمات اجتماعی به حرف من گوش می‌دهد.", "ማሕበራዊ ኣገልግሎት ይሰምዓኒ እዩ።", "Sosiaalipalvelut kuuntelevat minua."],
  // I am told why social services decide things about me.
  "Jag får veta varför socialtjänsten bestämmer saker om mig.": ["يُقال لي لماذا تقرر الخدمات الاجتماعية أمورًا تخصني.", "Waxaa la ii sheegaa sababta adeegyada bulshada u go'aamiyaan waxyaabo i khuseeya.", "به من گفته می‌شود چرا خدمات اجتماعی درباره من تصمیم می‌گیرد.", "ማሕበራዊ ኣገልግሎት ብዛዕባይ ስለምንታይ ከም ዝውስን ይንገረኒ።", "Minulle kerrotaan, miksi sosiaalipalvelut päättävät asioistani."],
  // Have things got better for you since you got in touch with social services?
  "Har det blivit bättre för dig sedan du fick kontakt med socialtjänsten?": ["هل تحسنت أمورك منذ أن تواصلت مع الخدمات الاجتماعية؟", "Arrimahaagu ma hagaageen tan iyo markii aad la xiriirtay adeegyada bulshada?", "آیا از وقتی با خدمات اجتماعی در تماس هستی اوضاعت بهتر شده است؟", "ምስ ማሕበራዊ ኣገልግሎት ካብ እትራኸብ ኩነታትካ ተመሓይሹ ዶ?", "Onko sinulla mennyt paremmin siitä asti, kun olet ollut yhteydessä sosiaalipalveluihin?"],
  // Much worse
  "Mycket sämre": ["أسوأ بكثير", "Aad uga sii xumaaday", "خیلی بدتر", "ኣዝዩ ዝኸፍአ", "Paljon huonommin"],
  // A little worse
  "Lite sämre": ["أسوأ قليلًا", "Xoogaa ka sii xumaaday", "کمی بدتر", "ቁሩብ ዝኸፍአ", "Vähän huonommin"],
  // No difference
  "Ingen skillnad": ["لا فرق", "Farqi ma jiro", "فرقی نکرده", "ፍልልይ የለን", "Ei eroa"],
  // A little better
  "Lite bättre": ["أفضل قليلًا", "Xoogaa ka fiicnaaday", "کمی بهتر", "ቁሩብ ዝሓሸ", "Vähän paremmin"],
  // Much better
  "Mycket bättre": ["أفضل بكثير", "Aad uga fiicnaaday", "خیلی بهتر", "ኣዝዩ ዝሓሸ", "Paljon paremmin"],
  // The questions were easy to understand.
  "Frågorna var lätta att förstå.": ["كانت الأسئلة سهلة الفهم.", "Su'aaluhu way fududaayeen in la fahmo.", "فهمیدن سؤال‌ها آسان بود.", "እቶም ሕቶታት ንምርዳእ ቀሊላት ነይሮም።", "Kysymykset olivat helppoja ymmärtää."],
  // Did you want to answer the questions?
  "Ville du svara på frågorna?": ["هل أردت أن تجيب عن الأسئلة؟", "Ma rabtay inaad ka jawaabto su'aalaha?", "آیا می‌خواستی به سؤال‌ها جواب بدهی؟", "ነቶም ሕቶታት ክትምልስ ደሊኻ ዶ?", "Halusitko vastata kysymyksiin?"],
  // What would you most like to talk about when we meet?
  "Vad vill du helst prata om när vi ses?": ["عن ماذا تحب أن تتحدث أكثر عندما نلتقي؟", "Maxaad ugu jeclaan lahayd inaad ka hadasho marka aan kulanno?", "وقتی همدیگر را می‌بینیم بیشتر دوست داری درباره چه حرف بزنیم؟", "ክንራኸብ ከለና ብዝያዳ ብዛዕባ እንታይ ክትዛረብ ምደለኻ?", "Mistä haluaisit eniten puhua, kun tapaamme?"],
  // How I feel
  "Hur jag mår": ["كيف أشعر", "Sida aan dareemayo", "حال خودم", "ከመይ ከም ዘለኹ", "Miten voin"],
  // My contact with social services
  "Kontakten med socialtjänsten": ["تواصلي مع الخدمات الاجتماعية", "Xiriirka aan la leeyahay adeegyada bulshada", "ارتباطم با خدمات اجتماعی", "ርክበይ ምስ ማሕበራዊ ኣገልግሎት", "Yhteyteni sosiaalipalveluihin"],
};
