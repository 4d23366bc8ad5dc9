/**
 * @module index/embedders/thesaurus — groups of words that mean the same thing in API and tool text,
 * written for this project (general API vocabulary, not taken from any eval set). The built-in
 * embedder adds one shared concept feature per group, so "fetch a member" lands near "get user".
 */

/** Each line is one concept; a word may appear in several. Words are stemmed when the table loads. */
const GROUPS: readonly string[] = [
  // verbs
  'get fetch retrieve read show obtain return load view display lookup look',
  'create add new make insert generate register open build compose',
  'delete remove destroy erase drop purge unregister discard clear',
  'list enumerate all browse index catalog',
  'search find query lookup locate discover seek filter match',
  'send post message notify deliver dispatch publish broadcast email mail',
  'update edit modify patch change set alter adjust rename replace',
  'upload attach import ingest',
  'download export save fetch',
  'start run launch execute invoke trigger begin call',
  'stop cancel halt terminate abort kill end close',
  'check verify validate test inspect confirm',
  'analyze analyse analysis examine evaluate assess inspect review',
  'calculate compute calculation count estimate measure determine solve',
  'convert transform translate translation change format',
  'summarize summary summarise digest brief condense abstract tldr',
  'compare comparison diff difference versus',
  'schedule book reserve reservation appointment booking',
  'buy purchase order shop shopping checkout',
  'pay payment charge invoice bill billing refund',
  'recommend recommendation suggest suggestion advice advise',
  'track monitor watch follow observe',
  'share publish distribute',
  'merge combine join',
  'assign allocate delegate',
  'approve accept grant authorize',
  'reject deny decline refuse block',
  'predict forecast projection prediction',
  'classify classification categorize label tag',
  'detect detection recognize recognition identify',
  'generate generation produce synthesize create',
  'write author compose draft',
  'plan planning itinerary route',
  'learn study learning education teach tutor course lesson',
  // nouns
  'user member account person people profile customer contact employee',
  'repo repository project codebase',
  'issue ticket bug defect incident problem task',
  'weather forecast temperature climate rain',
  'file document doc attachment',
  'folder directory dir path',
  'message chat conversation thread comment reply post',
  'channel room group team space',
  'event meeting calendar appointment',
  'image picture photo photograph pic img',
  'video movie film clip',
  'audio sound speech voice music song',
  'text string sentence word',
  'price cost fee rate amount',
  'money currency dollar euro cash',
  'stock share equity ticker market',
  'crypto cryptocurrency bitcoin ethereum coin token',
  'job career employment hiring vacancy position',
  'house home property apartment estate rental rent',
  'restaurant food dining meal dish recipe cooking',
  'hotel lodging accommodation stay',
  'flight airline airport plane',
  'travel trip vacation tour holiday',
  'car vehicle auto automobile',
  'map location place address geo coordinate latitude longitude',
  'city town country region area',
  'time date clock timezone datetime',
  'news article headline story report',
  'paper research academic journal publication scholar citation',
  'book novel reading library',
  'game play gaming',
  'health medical medicine doctor symptom disease patient',
  'fitness exercise workout sport',
  'language translate translation multilingual',
  'code program script source snippet function',
  'database db table record row sql',
  'key secret token credential password',
  'permission role access privilege acl',
  'error exception failure fault',
  'log logs logging audit',
  'metric statistic stats analytics measurement',
  'config configuration setting settings option preference',
  'server host machine instance node',
  'network dns domain ip',
  'url link website site web page',
  'email mail inbox',
  'phone call sms mobile',
  'number numeric integer digit',
  'math mathematic mathematical arithmetic equation formula',
  'area size dimension',
  'distance length far',
  'speed velocity',
  'weight mass',
  'shipping delivery package parcel shipment',
  'product item goods merchandise',
  'review rating feedback opinion',
  'question answer faq',
  'pdf document',
  'law legal attorney lawyer court',
  'tax taxes',
  'recipe ingredient cooking cook',
  'joke humor funny',
  'quote quotation',
  'dictionary definition meaning define',
  'sentiment emotion feeling mood',
  'entity name ner',
  'model network neural',
  'embedding vector feature representation',
  'similarity similar semantic',
  'segmentation segment mask',
  'depth distance',
  'object item thing',
  'speech voice spoken',
];

/** Maps a stemmed word to the indexes of the groups it belongs to. */
export function buildThesaurus(stemWord: (w: string) => string): ReadonlyMap<string, readonly number[]> {
  const map = new Map<string, number[]>();
  GROUPS.forEach((line, group) => {
    for (const word of line.split(' ')) {
      const key = stemWord(word);
      const list = map.get(key) ?? [];
      if (!list.includes(group)) list.push(group);
      map.set(key, list);
    }
  });
  return map;
}

/** Changes whenever GROUPS changes, so the embedder id does too. */
export const THESAURUS_VERSION = 1;
